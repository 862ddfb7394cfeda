// Command dispatch and help for the govreport program.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/cli/command.h"

namespace govreport::cli {

namespace {

std::vector<Command> AllCommands() {
  std::vector<Command> all;
  for (auto group : {ExtractCommands, IngestCommands, QueryCommands}) {
    for (Command& command : group()) all.push_back(std::move(command));
  }
  return all;
}

bool IsGlobalValueFlag(absl::string_view arg) {
  if (arg.size() < 3 || arg.substr(0, 2) != "--" || arg.find('=') != absl::string_view::npos) {
    return false;
  }
  for (const FlagSpec& spec : GlobalFlags()) {
    if (spec.takes_value && arg.substr(2) == spec.name) return true;
  }
  return false;
}

void PrintFlags(const std::vector<FlagSpec>& flags, std::ostream& out) {
  for (const FlagSpec& flag : flags) {
    std::string spelled = absl::StrCat("--", flag.name, flag.takes_value ? "=VALUE" : "");
    spelled.resize(std::max<size_t>(spelled.size() + 2, 24), ' ');
    out << "  " << spelled << flag.help << "\n";
  }
}

void PrintUsage(const std::vector<Command>& commands, std::ostream& out) {
  out << "usage: govreport COMMAND [ARGS] [FLAGS]\n\n"
         "Extracts facts from government work reports locally, or talks to the govreport\n"
         "services (ingest 127.0.0.1:50051, query 127.0.0.1:50053 unless told otherwise).\n\n"
         "commands:\n";
  for (const Command& command : commands) {
    std::string head = absl::StrCat(command.name, " ", command.usage);
    head.resize(std::max<size_t>(head.size() + 2, 30), ' ');
    out << "  " << head << command.summary << "\n";
  }
  out << "\nflags of every command:\n";
  PrintFlags(GlobalFlags(), out);
  out << "\n`govreport COMMAND --help` lists a command's own flags.\n"
         "Exit codes: 0 ok, 1 a file or RPC failed, 2 bad usage, 3 wait timed out.\n";
}

}  // namespace

const std::vector<FlagSpec>& GlobalFlags() {
  static const auto* flags = new std::vector<FlagSpec>{
      {"ingest", true, "IngestService host:port (env GOVREPORT_INGEST, default 127.0.0.1:50051)"},
      {"query", true, "QueryService host:port (env GOVREPORT_QUERY, default 127.0.0.1:50053)"},
      {"deadline", true, "seconds each RPC may take (default 30)"},
      {"json", false, "print JSON lines (proto3 JSON mapping) instead of tables"},
      {"help", false, "show help"},
  };
  return *flags;
}

int RunMain(const std::vector<std::string>& args, Environment& env) {
  const std::vector<Command> commands = AllCommands();
  // The command is the first word that is neither a flag nor the value of a global flag, so
  // "govreport --query=h:1 facts" and "govreport facts --query h:1" both work.
  std::vector<std::string> rest;
  std::string name;
  for (size_t i = 0; i < args.size(); ++i) {
    if (name.empty() && args[i].rfind("--", 0) != 0) {
      name = args[i];
      continue;
    }
    rest.push_back(args[i]);
    if (name.empty() && IsGlobalValueFlag(args[i]) && i + 1 < args.size()) {
      rest.push_back(args[++i]);
    }
  }
  if (name.empty() || name == "help") {
    PrintUsage(commands, name.empty() && rest.empty() ? *env.err : *env.out);
    return name.empty() && std::find(rest.begin(), rest.end(), "--help") == rest.end()
               ? kExitUsage
               : kExitOk;
  }
  auto command = std::find_if(commands.begin(), commands.end(),
                              [&](const Command& c) { return c.name == name; });
  if (command == commands.end()) {
    *env.err << "govreport: unknown command '" << name << "' (see govreport --help)\n";
    return kExitUsage;
  }
  std::vector<FlagSpec> specs = command->flags;
  specs.insert(specs.end(), GlobalFlags().begin(), GlobalFlags().end());
  auto line = CommandLine::Parse(rest, specs);
  if (!line.ok()) {
    *env.err << "govreport " << name << ": " << line.status().message()
             << " (see govreport " << name << " --help)\n";
    return kExitUsage;
  }
  if (line->Has("help")) {
    *env.out << "usage: govreport " << command->name << " " << command->usage << "\n"
             << command->summary << "\n\nflags:\n";
    PrintFlags(command->flags, *env.out);
    PrintFlags(GlobalFlags(), *env.out);
    return kExitOk;
  }
  return command->run(*line, env);
}

}  // namespace govreport::cli
