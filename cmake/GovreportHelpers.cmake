# govreport_add_test(NAME name SOURCES a_test.cc ... LIBS lib ...)
# One gtest binary registered with ctest under its own name.
function(govreport_add_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  set_target_properties(${T_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES ENVIRONMENT
    "GOVREPORT_SOURCE_DIR=${PROJECT_SOURCE_DIR};GOVREPORT_BIN_DIR=${CMAKE_BINARY_DIR}/bin")
endfunction()

# govreport_embed_data(TARGET tgt SYMBOL name FILE path)
# Links the bytes of FILE into TGT, readable as govreport::data::<name>() -> std::string_view.
# The binaries are self-contained: no data path to configure in containers.
function(govreport_embed_data)
  cmake_parse_arguments(E "" "TARGET;SYMBOL;FILE" "" ${ARGN})
  get_filename_component(abs ${E_FILE} ABSOLUTE)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${E_SYMBOL}.cc)
  set(EMBED_SYMBOL ${E_SYMBOL})
  set(EMBED_PATH ${abs})
  configure_file(${PROJECT_SOURCE_DIR}/cmake/embedded_data.cc.in ${out} @ONLY)
  set_source_files_properties(${out} PROPERTIES OBJECT_DEPENDS ${abs})
  target_sources(${E_TARGET} PRIVATE ${out})
endfunction()
