// govreport: command-line client of the govreport services and local extractor.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "services/cli/command.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  govreport::cli::Environment env{&std::cout, &std::cerr, [](const char* n) { return std::getenv(n); },
                                  isatty(STDERR_FILENO) == 1};
  const int code = govreport::cli::RunMain(std::vector<std::string>(argv + 1, argv + argc), env);
  std::cout.flush();
  return code;
}
