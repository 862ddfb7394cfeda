#ifndef GOVREPORT_SERVICES_CLI_COMMAND_H_
#define GOVREPORT_SERVICES_CLI_COMMAND_H_

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "services/cli/command_line.h"

namespace govreport::cli {

// Exit codes of the govreport program (stable: scripts test them).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // a file or an RPC failed; stderr says which and why
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitTimeout = 3;   // `wait` gave up before the pipeline finished

// What a command may touch besides its arguments, so tests can run commands in-process.
struct Environment {
  std::ostream* out;
  std::ostream* err;
  // Reads an environment variable; nullptr when unset.
  std::function<const char*(const char*)> getenv;
  // True when progress lines may be drawn on `err` (it is a terminal).
  bool err_is_terminal = false;
};

struct Command {
  std::string name;
  std::string usage;    // arguments after the name, e.g. "FILE..."
  std::string summary;  // one line for the help text
  std::vector<FlagSpec> flags;
  std::function<int(const CommandLine&, Environment&)> run;
};

// Flags every command accepts (service targets, per-call deadline, --json, --help).
const std::vector<FlagSpec>& GlobalFlags();

// The command table, in help order. Each group lives in its own file.
std::vector<Command> ExtractCommands();
std::vector<Command> IngestCommands();   // ingest, reextract, status, wait
std::vector<Command> QueryCommands();    // reports, facts, get, series, compare, ...

// Runs the program: args exclude argv[0]. Returns the exit code.
int RunMain(const std::vector<std::string>& args, Environment& env);

}  // namespace govreport::cli

#endif  // GOVREPORT_SERVICES_CLI_COMMAND_H_
