#include "tests/integration/cluster.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace govreport::testing {

namespace {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

std::unique_ptr<grpc::ClientContext> ContextWithDeadline(absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMicroseconds(timeout));
  return context;
}

std::string ReadSample(const std::string& name) {
  const std::string path = absl::StrCat(EnvOr("GOVREPORT_SOURCE_DIR", "."), "/data/samples/", name);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::vector<std::string> SampleNames() {
  std::vector<std::string> names;
  const std::string dir = absl::StrCat(EnvOr("GOVREPORT_SOURCE_DIR", "."), "/data/samples");
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Describe(const grpc::Status& status) {
  return absl::StrCat("code ", static_cast<int>(status.error_code()), ": ",
                      status.error_message());
}

absl::StatusOr<std::unique_ptr<Cluster>> Cluster::Start(const ClusterOptions& options) {
  std::unique_ptr<Cluster> cluster(new Cluster());
  cluster->options_ = options;
  cluster->bin_dir_ = EnvOr("GOVREPORT_BIN_DIR", "bin");
  cluster->root_ = MakeTempDir("govreport-cluster-");
  if (cluster->root_.empty()) return absl::InternalError("cannot create a temporary directory");
  for (const char* dir : {"extraction", "query", "ingest"}) {
    std::filesystem::create_directories(absl::StrCat(cluster->root_, "/", dir));
  }
  absl::Status status = cluster->StartProcess(
      "govreport-extraction",
      {"--listen=127.0.0.1:0", absl::StrCat("--data_dir=", cluster->root_, "/extraction")},
      &cluster->extraction_);
  if (!status.ok()) return status;
  if (options.start_query) {
    status = cluster->StartQuery();
    if (!status.ok()) return status;
  } else {
    auto port = PickFreePort();
    if (!port.ok()) return port.status();
    cluster->query_address_ = absl::StrCat("127.0.0.1:", *port);
  }
  status = cluster->StartIngest();
  if (!status.ok()) return status;
  return cluster;
}

absl::Status Cluster::StartProcess(const std::string& name, std::vector<std::string> flags,
                                   std::unique_ptr<ServerProcess>* out) {
  auto process = ServerProcess::Start(name, absl::StrCat(bin_dir_, "/", name), flags,
                                      absl::StrCat(root_, "/", name, ".log"));
  if (!process.ok()) return process.status();
  *out = std::move(*process);
  return absl::OkStatus();
}

absl::Status Cluster::StartQuery() {
  if (query_ != nullptr && query_->running()) {
    return absl::FailedPreconditionError("query service already running");
  }
  const std::string listen = query_address_.empty() ? "127.0.0.1:0" : query_address_;
  absl::Status status = StartProcess(
      "govreport-query", {absl::StrCat("--listen=", listen), absl::StrCat("--data_dir=", root_, "/query")},
      &query_);
  if (status.ok()) query_address_ = query_->address();
  return status;
}

absl::Status Cluster::StartIngest() {
  if (ingest_ != nullptr && ingest_->running()) {
    return absl::FailedPreconditionError("ingest service already running");
  }
  std::vector<std::string> flags = {"--listen=127.0.0.1:0",
                                    absl::StrCat("--data_dir=", root_, "/ingest"),
                                    absl::StrCat("--extraction=", extraction_->address()),
                                    absl::StrCat("--query=", query_address_)};
  flags.insert(flags.end(), options_.ingest_flags.begin(), options_.ingest_flags.end());
  return StartProcess("govreport-ingest", flags, &ingest_);
}

std::shared_ptr<grpc::Channel> Cluster::Channel(const std::string& address) const {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  args.SetMaxSendMessageSize(64 << 20);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

std::unique_ptr<v1::IngestService::Stub> Cluster::IngestStub() const {
  return v1::IngestService::NewStub(Channel(ingest_->address()));
}
std::unique_ptr<v1::QueryService::Stub> Cluster::QueryStub() const {
  return v1::QueryService::NewStub(Channel(query_address_));
}
std::unique_ptr<v1::ExtractionService::Stub> Cluster::ExtractionStub() const {
  return v1::ExtractionService::NewStub(Channel(extraction_->address()));
}

absl::StatusOr<std::vector<v1::ReportStatus>> Cluster::WaitUntilSettled(size_t min_reports,
                                                                        absl::Duration timeout) {
  auto stub = IngestStub();
  const absl::Time give_up = absl::Now() + timeout;
  std::string last;
  while (true) {
    std::vector<v1::ReportStatus> statuses;
    std::string token;
    grpc::Status status;
    do {
      v1::GetStatusRequest request;
      request.set_page_size(1000);
      request.set_page_token(token);
      v1::GetStatusResponse response;
      status = stub->GetStatus(ContextWithDeadline(absl::Seconds(30)).get(), request, &response);
      if (!status.ok()) break;
      statuses.insert(statuses.end(), response.statuses().begin(), response.statuses().end());
      token = response.next_page_token();
    } while (!token.empty());
    if (status.ok()) {
      size_t pending = 0;
      for (const auto& s : statuses) {
        if (s.state() != v1::REPORT_STATE_INDEXED && s.state() != v1::REPORT_STATE_FAILED) {
          ++pending;
        }
      }
      if (pending == 0 && statuses.size() >= min_reports) return statuses;
      last = absl::StrCat(pending, " of ", statuses.size(), " reports pending");
    } else {
      last = absl::StrCat("GetStatus failed: ", Describe(status));
    }
    if (absl::Now() > give_up) {
      return absl::DeadlineExceededError(absl::StrCat("pipeline did not settle within ",
                                                      absl::FormatDuration(timeout), ": ", last));
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
}

std::string Cluster::Logs() const {
  std::string logs;
  for (const ServerProcess* p : {extraction_.get(), query_.get(), ingest_.get()}) {
    if (p != nullptr) absl::StrAppend(&logs, "---- ", p->name(), " log ----\n", p->LogTail(), "\n");
  }
  return logs;
}

}  // namespace govreport::testing
