# Runs the shared scorer on the CLI's `extract` output and always shows its figures (ctest
# prints a passing test's output only with -V; the message() below goes to the log and the
# summary line is repeated on failure). Fails below MIN_F1.
execute_process(
  COMMAND ${PYTHON} ${SCORER} --gold ${GOLD} --corpus ${CORPUS}
          --cmd "${CLI} extract {file}" --min-f1 ${MIN_F1}
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE errors)
message("${output}${errors}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "dev_gold_score: scorer exit ${result} (F1 below ${MIN_F1} or run error)")
endif()
