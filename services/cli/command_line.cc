#include "services/cli/command_line.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace govreport::cli {

namespace {

const FlagSpec* FindSpec(const std::vector<FlagSpec>& specs, absl::string_view name) {
  for (const FlagSpec& spec : specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<CommandLine> CommandLine::Parse(const std::vector<std::string>& args,
                                               const std::vector<FlagSpec>& specs) {
  CommandLine line;
  bool flags_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_done || arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      if (!flags_done && arg == "--") {
        flags_done = true;
        continue;
      }
      line.positional_.push_back(arg);
      continue;
    }
    absl::string_view body = absl::string_view(arg).substr(2);
    std::string name(body.substr(0, body.find('=')));
    const bool has_inline_value = body.find('=') != absl::string_view::npos;
    const FlagSpec* spec = FindSpec(specs, name);
    if (spec == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    std::string value;
    if (has_inline_value) {
      value = std::string(body.substr(body.find('=') + 1));
    } else if (spec->takes_value) {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(absl::StrCat("flag --", name, " needs a value"));
      }
      value = args[++i];
    } else {
      value = "true";
    }
    if (!spec->takes_value && value != "true" && value != "false") {
      return absl::InvalidArgumentError(
          absl::StrCat("flag --", name, " takes true or false, not '", value, "'"));
    }
    line.values_[name].push_back(std::move(value));
  }
  return line;
}

bool CommandLine::Has(absl::string_view name) const {
  auto it = values_.find(name);
  return it != values_.end() && it->second.back() != "false";
}

std::string CommandLine::Get(absl::string_view name, absl::string_view fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::string(fallback);
  return it->second.back();
}

std::vector<std::string> CommandLine::GetList(absl::string_view name) const {
  std::vector<std::string> out;
  auto it = values_.find(name);
  if (it == values_.end()) return out;
  for (const std::string& value : it->second) {
    for (absl::string_view item : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
      out.emplace_back(item);
    }
  }
  return out;
}

absl::StatusOr<int64_t> CommandLine::GetInt(absl::string_view name, int64_t fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  int64_t value = 0;
  if (!absl::SimpleAtoi(it->second.back(), &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("flag --", name, " needs an integer, not '", it->second.back(), "'"));
  }
  return value;
}

absl::StatusOr<double> CommandLine::GetDouble(absl::string_view name, double fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  double value = 0;
  if (!absl::SimpleAtod(it->second.back(), &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("flag --", name, " needs a number, not '", it->second.back(), "'"));
  }
  return value;
}

}  // namespace govreport::cli
