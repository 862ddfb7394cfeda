// `govreport ingest|reextract|status|wait`: the IngestService side of the CLI.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "govreport/v1/ingest.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/format.h"
#include "services/cli/rpc.h"
#include "services/cli/table.h"

namespace govreport::cli {

namespace {

namespace fs = std::filesystem;
using v1::IngestService;

// Files under `paths` (folders recursively, hidden entries skipped), each folder's files
// sorted so runs are repeatable. Unreadable paths are reported to `problems`.
std::vector<std::string> CollectFiles(const std::vector<std::string>& paths,
                                      std::vector<std::string>* problems) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (fs::is_regular_file(path, error)) {
      files.push_back(path);
      continue;
    }
    if (!fs::is_directory(path, error)) {
      problems->push_back(absl::StrCat(path, ": no such file or folder"));
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied,
                                        error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) found.push_back(it->path().string());
    }
    if (error) problems->push_back(absl::StrCat(path, ": ", error.message()));
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::string StateName(v1::ReportState state) {
  return absl::AsciiStrToUpper(ShortEnumName(v1::ReportState_descriptor(), state));
}

// Prints what one document's ingest produced (a line per file, or its JSON line) and counts it.
struct IngestTally {
  int reports = 0, fresh = 0, known = 0, errors = 0;
};

void ReportIngested(const std::string& path, size_t file_index,
                    const v1::IngestResponse& response, bool json, Environment& env,
                    IngestTally* tally) {
  for (const v1::IngestedReport& report : response.reports()) {
    ++tally->reports;
    ++(report.already_known() ? tally->known : tally->fresh);
  }
  if (json) {
    v1::IngestStreamResponse line_out;  // reuses the API's own per-document shape
    line_out.set_index(static_cast<int64_t>(file_index));
    *line_out.mutable_result() = response;
    *env.out << ToJsonLine(line_out) << "\n";
  } else if (!env.err_is_terminal) {
    *env.out << path << ": " << response.reports_size() << " report(s), "
             << response.detected_charset() << "\n";
  }
}

int RunIngest(const CommandLine& line, Environment& env) {
  auto settings = ResolveRpcSettings(line, env);
  if (!settings.ok()) {
    *env.err << "govreport ingest: " << settings.status().message() << "\n";
    return kExitUsage;
  }
  if (line.positional().empty()) {
    *env.err << "govreport ingest: give at least one file or folder\n";
    return kExitUsage;
  }
  std::vector<std::string> problems;
  const std::vector<std::string> files = CollectFiles(line.positional(), &problems);
  for (const std::string& problem : problems) *env.err << "govreport ingest: " << problem << "\n";
  IngestTally tally;
  tally.errors = static_cast<int>(problems.size());
  const bool json = line.Has("json");
  const char* const newline_if_terminal = env.err_is_terminal ? "\n" : "";
  constexpr char kRpc[] = "IngestService.IngestStream";

  // One stream for the whole run, one request per file, in lockstep: each answer is read before
  // the next file is sent, so an answer always belongs to the file just sent and no file's bytes
  // wait in memory. --deadline bounds each file, so the stream gets it once per file.
  auto stub = IngestService::NewStub(MakeChannel(settings->ingest_target));
  auto context =
      MakeContext(settings->deadline * static_cast<int64_t>(std::max<size_t>(files.size(), 1)));
  std::unique_ptr<grpc::ClientReaderWriter<v1::IngestRequest, v1::IngestStreamResponse>> stream;
  if (!files.empty()) stream = stub->IngestStream(context.get());
  bool stream_broken = false;
  for (size_t i = 0; i < files.size() && !stream_broken; ++i) {
    const std::string& path = files[i];
    if (env.err_is_terminal) {
      *env.err << "\r\033[K[" << i + 1 << "/" << files.size() << "] " << path << std::flush;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      *env.err << newline_if_terminal << "govreport ingest: " << path << ": cannot read file\n";
      ++tally.errors;
      continue;
    }
    v1::IngestRequest request;
    request.set_content(bytes.str());
    request.set_content_type(line.Get("content_type"));
    request.set_charset(line.Get("charset"));
    request.set_source_uri(path);
    v1::IngestStreamResponse response;
    if (!stream->Write(request) || !stream->Read(&response)) {
      // The stream itself failed (service gone, deadline): the rest would fail too.
      const grpc::Status status = stream->Finish();
      *env.err << newline_if_terminal << "govreport ingest: " << path << ": "
               << DescribeRpcError(kRpc, settings->ingest_target,
                                   status.ok() ? grpc::Status(grpc::StatusCode::UNKNOWN,
                                                              "stream ended early")
                                               : status)
               << "\n";
      ++tally.errors;
      stream_broken = true;
      break;
    }
    if (response.error_code() != 0) {
      *env.err << newline_if_terminal << "govreport ingest: " << path << ": "
               << DescribeRpcError(kRpc, settings->ingest_target,
                                   grpc::Status(static_cast<grpc::StatusCode>(response.error_code()),
                                                response.error_message()))
               << "\n";
      ++tally.errors;
      continue;
    }
    ReportIngested(path, i, response.result(), json, env, &tally);
  }
  if (stream != nullptr && !stream_broken) {
    stream->WritesDone();
    const grpc::Status status = stream->Finish();
    if (!status.ok()) {
      *env.err << newline_if_terminal << "govreport ingest: "
               << DescribeRpcError(kRpc, settings->ingest_target, status) << "\n";
      ++tally.errors;
    }
  }
  if (env.err_is_terminal) *env.err << "\r\033[K";
  std::ostream& summary = json ? *env.err : *env.out;
  summary << "ingested: files " << files.size() << ", reports " << tally.reports << ", new "
          << tally.fresh << ", already known " << tally.known << ", errors " << tally.errors
          << "\n";
  return tally.errors > 0 ? kExitFailure : kExitOk;
}

int RunReextract(const CommandLine& line, Environment& env) {
  auto settings = ResolveRpcSettings(line, env);
  auto year_from = line.GetInt("year_from", 0);
  auto year_to = line.GetInt("year_to", 0);
  for (const absl::Status& problem : {settings.status(), year_from.status(), year_to.status()}) {
    if (!problem.ok()) {
      *env.err << "govreport reextract: " << problem.message() << "\n";
      return kExitUsage;
    }
  }
  v1::ReextractRequest request;
  for (const std::string& id : line.positional()) request.add_report_ids(id);
  request.set_all(line.Has("all"));
  request.set_only_outdated(line.Has("outdated"));
  request.set_region(line.Get("region"));
  request.set_year_from(static_cast<int32_t>(*year_from));
  request.set_year_to(static_cast<int32_t>(*year_to));
  request.set_source_uri_prefix(line.Get("source_prefix"));
  if (request.report_ids().empty() && !request.all() && request.region().empty() &&
      request.year_from() == 0 && request.year_to() == 0 && request.source_uri_prefix().empty()) {
    // Re-extracting everything is expensive: ask for it explicitly.
    *env.err << "govreport reextract: give report ids, a filter, or --all\n";
    return kExitUsage;
  }
  if (request.only_outdated() && !request.report_ids().empty()) {
    *env.err << "govreport reextract: --outdated selects among all reports; give no ids with it\n";
    return kExitUsage;
  }
  auto stub = IngestService::NewStub(MakeChannel(settings->ingest_target));
  v1::ReextractResponse response;
  auto context = MakeContext(settings->deadline);
  const grpc::Status status = stub->Reextract(context.get(), request, &response);
  if (!status.ok()) {
    *env.err << "govreport reextract: "
             << DescribeRpcError("IngestService.Reextract", settings->ingest_target, status)
             << "\n";
    // A bad filter is the caller's mistake, like a bad flag.
    return status.error_code() == grpc::StatusCode::INVALID_ARGUMENT ? kExitUsage : kExitFailure;
  }
  if (line.Has("json")) {
    *env.out << ToJsonLine(response) << "\n";
  } else {
    *env.out << "scheduled " << response.scheduled() << " report(s) for re-extraction\n";
  }
  return kExitOk;
}

// Lists every report status, page by page.
grpc::Status ListAllStatuses(IngestService::Stub& stub, const RpcSettings& settings,
                             std::vector<v1::ReportStatus>* out) {
  std::string token;
  do {
    v1::GetStatusRequest request;
    request.set_page_size(1000);
    request.set_page_token(token);
    v1::GetStatusResponse response;
    auto context = MakeContext(settings.deadline);
    grpc::Status status = stub.GetStatus(context.get(), request, &response);
    if (!status.ok()) return status;
    out->insert(out->end(), response.statuses().begin(), response.statuses().end());
    token = response.next_page_token();
  } while (!token.empty());
  return grpc::Status::OK;
}

int RunStatus(const CommandLine& line, Environment& env) {
  auto settings = ResolveRpcSettings(line, env);
  if (!settings.ok()) {
    *env.err << "govreport status: " << settings.status().message() << "\n";
    return kExitUsage;
  }
  auto stub = IngestService::NewStub(MakeChannel(settings->ingest_target));
  std::vector<v1::ReportStatus> statuses;
  grpc::Status status;
  if (line.positional().empty()) {
    status = ListAllStatuses(*stub, *settings, &statuses);
  } else {
    v1::GetStatusRequest request;
    for (const std::string& id : line.positional()) request.add_report_ids(id);
    v1::GetStatusResponse response;
    auto context = MakeContext(settings->deadline);
    status = stub->GetStatus(context.get(), request, &response);
    statuses.assign(response.statuses().begin(), response.statuses().end());
  }
  if (!status.ok()) {
    *env.err << "govreport status: "
             << DescribeRpcError("IngestService.GetStatus", settings->ingest_target, status)
             << "\n";
    return kExitFailure;
  }
  if (line.Has("json")) {
    for (const auto& s : statuses) *env.out << ToJsonLine(s) << "\n";
    return kExitOk;
  }
  Table table({{"report"}, {"state"}, {"tries", Table::Align::kRight}, {"title", {}, 40},
               {"source", {}, 40}, {"error", {}, 60}});
  std::map<std::string, int> totals;
  for (const auto& s : statuses) {
    table.AddRow({s.report_id(), StateName(s.state()), absl::StrCat(s.attempts()), s.title(),
                  s.source_uri(), s.error()});
    ++totals[StateName(s.state())];
  }
  table.Print(*env.out);
  std::string summary = absl::StrCat(statuses.size(), " report(s)");
  for (const auto& [state, count] : totals) absl::StrAppend(&summary, ", ", state, " ", count);
  *env.out << summary << "\n";
  return kExitOk;
}

int RunWait(const CommandLine& line, Environment& env) {
  auto settings = ResolveRpcSettings(line, env);
  auto timeout = line.GetDouble("timeout", 120);
  if (!settings.ok() || !timeout.ok() || *timeout < 0) {
    *env.err << "govreport wait: "
             << (settings.ok() ? "--timeout needs a number of seconds"
                               : std::string(settings.status().message()))
             << "\n";
    return kExitUsage;
  }
  auto stub = IngestService::NewStub(MakeChannel(settings->ingest_target));
  const absl::Time give_up = absl::Now() + absl::Seconds(*timeout);
  std::string last_problem;
  while (true) {
    std::vector<v1::ReportStatus> statuses;
    const grpc::Status status = ListAllStatuses(*stub, *settings, &statuses);
    if (status.ok()) {
      int pending = 0, failed = 0, indexed = 0;
      for (const auto& s : statuses) {
        if (s.state() == v1::REPORT_STATE_INDEXED) {
          ++indexed;
        } else if (s.state() == v1::REPORT_STATE_FAILED) {
          ++failed;
        } else {
          ++pending;
        }
      }
      if (pending == 0) {
        *env.out << "all " << statuses.size() << " report(s) done: " << indexed << " indexed, "
                 << failed << " failed\n";
        for (const auto& s : statuses) {
          if (s.state() == v1::REPORT_STATE_FAILED) {
            *env.err << "govreport wait: " << s.report_id() << " FAILED: " << s.error() << "\n";
          }
        }
        return kExitOk;
      }
      last_problem = absl::StrCat(pending, " of ", statuses.size(), " report(s) still pending");
      if (env.err_is_terminal) *env.err << "\r\033[K" << last_problem << std::flush;
    } else {
      // The service may still be starting: keep trying until the timeout.
      last_problem = DescribeRpcError("IngestService.GetStatus", settings->ingest_target, status);
    }
    if (absl::Now() >= give_up) break;
    absl::SleepFor(absl::Milliseconds(250));
  }
  if (env.err_is_terminal) *env.err << "\r\033[K";
  *env.err << "govreport wait: gave up after " << *timeout << "s: " << last_problem << "\n";
  return kExitTimeout;
}

}  // namespace

std::vector<Command> IngestCommands() {
  return {
      {"ingest", "PATH...", "send files (folders recursively) to the IngestService",
       {{"content_type", true, "MIME type of every file (sniffed when unset)"},
        {"charset", true, "charset of every file (detected when unset)"}},
       RunIngest},
      {"reextract", "[ID...]",
       "extract stored reports again (given ids, or all/filtered) after an extractor upgrade",
       {{"all", false, "every stored report (narrowed by the filters below)"},
        {"outdated", false, "only reports extracted by another extractor version (no ids)"},
        {"region", true, "region name or division code of the stored result (extracted only)"},
        {"year_from", true, "first report year, inclusive (extracted reports only)"},
        {"year_to", true, "last report year, inclusive (extracted reports only)"},
        {"source_prefix", true, "source path or URL prefix given at ingest"}},
       RunReextract},
      {"status", "[ID...]", "pipeline state of the given reports, or of all", {}, RunStatus},
      {"wait", "", "wait until every stored report is INDEXED or FAILED",
       {{"timeout", true, "seconds to wait in total (default 120); exit 3 when exceeded"}},
       RunWait},
  };
}

}  // namespace govreport::cli
