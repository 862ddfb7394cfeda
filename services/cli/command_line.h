#ifndef GOVREPORT_SERVICES_CLI_COMMAND_LINE_H_
#define GOVREPORT_SERVICES_CLI_COMMAND_LINE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/status/statusor.h"

namespace govreport::cli {

// One flag a command accepts. Flags are spelled "--name=value" or "--name value"; boolean flags
// take no value ("--json", or "--json=false").
struct FlagSpec {
  std::string name;
  bool takes_value = true;
  std::string help;
};

// The arguments of one command after parsing: positional words and flag values, in order.
// Each subcommand declares its own flags, so an unknown or misspelled flag is an error rather
// than silently ignored (a typo in a filter would otherwise widen a query unnoticed).
class CommandLine {
 public:
  // Parses `args` (without the program and command names) against `specs`.
  // Errors: INVALID_ARGUMENT naming an unknown flag, a value flag with no value, or a value
  // given to a boolean flag that is not true/false. A lone "--" ends flag parsing.
  static absl::StatusOr<CommandLine> Parse(const std::vector<std::string>& args,
                                           const std::vector<FlagSpec>& specs);

  const std::vector<std::string>& positional() const { return positional_; }

  // True when the flag was given at all (for booleans: given and not "=false").
  bool Has(absl::string_view name) const;
  // Last value given for `name`, or `fallback` when absent.
  std::string Get(absl::string_view name, absl::string_view fallback = "") const;
  // Every value given for `name`, in order, each also split at commas ("--region a,b --region c"
  // gives a, b, c). Empty items are dropped.
  std::vector<std::string> GetList(absl::string_view name) const;
  // Last value parsed as an integer / a number. Errors: INVALID_ARGUMENT naming the flag.
  absl::StatusOr<int64_t> GetInt(absl::string_view name, int64_t fallback) const;
  absl::StatusOr<double> GetDouble(absl::string_view name, double fallback) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
};

}  // namespace govreport::cli

#endif  // GOVREPORT_SERVICES_CLI_COMMAND_LINE_H_
