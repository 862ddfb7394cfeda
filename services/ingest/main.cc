// govreport-ingest: serves IngestService and runs the extraction/indexing pipeline.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/time.h"
#include "common/extract/extractor.h"
#include "common/server/server_runner.h"
#include "common/storage/database.h"
#include "services/ingest/grpc_clients.h"
#include "services/ingest/ingest_service.h"
#include "services/ingest/pipeline.h"
#include "services/ingest/report_store.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "host:port to serve on (port 0 picks a free port)");
ABSL_FLAG(std::string, data_dir, "", "directory of the report database (RocksDB); required");
ABSL_FLAG(std::string, extraction, "", "target of ExtractionService (host:port); required");
ABSL_FLAG(std::string, query, "", "target of QueryService (host:port); required");
ABSL_FLAG(int32_t, workers, 2, "pipeline worker threads");
ABSL_FLAG(absl::Duration, rpc_timeout, absl::Seconds(60),
          "deadline of each Extract and IndexReport call");
ABSL_FLAG(int32_t, max_attempts, 8,
          "failed attempts in a row of one step before a report is FAILED");
ABSL_FLAG(absl::Duration, retry_initial_backoff, absl::Milliseconds(500),
          "delay before the first retry (doubles per retry, with jitter)");
ABSL_FLAG(absl::Duration, retry_max_backoff, absl::Seconds(30), "longest delay between retries");
ABSL_FLAG(int64_t, max_document_bytes, 16 << 20, "largest document accepted, in bytes");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "time in-flight calls and pipeline steps get to finish after SIGTERM");

namespace {

int Fail(const std::string& message) {
  std::fprintf(stderr, "govreport-ingest: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace govreport;  // NOLINT: a main of one service
  absl::SetProgramUsageMessage(
      "Serves govreport.v1.IngestService.\n"
      "usage: govreport-ingest --data_dir=DIR --extraction=HOST:PORT --query=HOST:PORT "
      "[--listen=HOST:PORT]");
  absl::ParseCommandLine(argc, argv);
  const std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  const std::string extraction_target = absl::GetFlag(FLAGS_extraction);
  const std::string query_target = absl::GetFlag(FLAGS_query);
  const int64_t max_document_bytes = absl::GetFlag(FLAGS_max_document_bytes);
  if (data_dir.empty() || extraction_target.empty() || query_target.empty()) {
    std::fprintf(stderr, "govreport-ingest: --data_dir, --extraction and --query are required\n");
    return 2;
  }
  if (max_document_bytes <= 0 || max_document_bytes > (1LL << 30)) {
    std::fprintf(stderr, "govreport-ingest: --max_document_bytes must be in 1..1073741824\n");
    return 2;
  }
  if (absl::GetFlag(FLAGS_workers) < 1 || absl::GetFlag(FLAGS_max_attempts) < 1 ||
      absl::GetFlag(FLAGS_rpc_timeout) <= absl::ZeroDuration()) {
    std::fprintf(stderr,
                 "govreport-ingest: --workers and --max_attempts must be >= 1, --rpc_timeout > 0\n");
    return 2;
  }

  auto db = storage::Database::Open(data_dir, ingest::ReportStore::ColumnFamilies());
  if (!db.ok()) return Fail(db.status().ToString());
  auto store = std::make_unique<ingest::ReportStore>(db->get());
  auto extraction = std::make_unique<ingest::GrpcExtractionClient>(
      ingest::MakeChannel(extraction_target));
  auto index = std::make_unique<ingest::GrpcIndexClient>(ingest::MakeChannel(query_target));

  ingest::PipelineOptions pipeline_options;
  pipeline_options.workers = absl::GetFlag(FLAGS_workers);
  pipeline_options.rpc_timeout = absl::GetFlag(FLAGS_rpc_timeout);
  pipeline_options.max_attempts = absl::GetFlag(FLAGS_max_attempts);
  pipeline_options.initial_backoff = absl::GetFlag(FLAGS_retry_initial_backoff);
  pipeline_options.max_backoff = absl::GetFlag(FLAGS_retry_max_backoff);
  pipeline_options.extractor_version = std::string(extract::Extractor::Version());
  auto pipeline = std::make_unique<ingest::Pipeline>(store.get(), extraction.get(), index.get(),
                                                     pipeline_options);
  absl::StatusOr<int64_t> resumed = pipeline->Start();
  if (!resumed.ok()) return Fail(resumed.status().ToString());
  if (*resumed > 0) {
    std::fprintf(stderr, "govreport-ingest: resuming %lld pending report(s)\n",
                 static_cast<long long>(*resumed));
  }

  ingest::IngestServiceOptions service_options;
  service_options.max_document_bytes = static_cast<size_t>(max_document_bytes);
  auto service =
      std::make_unique<ingest::IngestServiceImpl>(store.get(), pipeline.get(), service_options);

  server::ServerOptions server_options;
  server_options.name = "govreport-ingest";
  server_options.service_names = {govreport::v1::IngestService::service_full_name()};
  server_options.listen = absl::GetFlag(FLAGS_listen);
  const absl::Duration grace = absl::GetFlag(FLAGS_shutdown_grace);
  server_options.shutdown_grace = grace;
  // Room above the document limit so an oversized document gets the service's own message.
  server_options.max_message_bytes = static_cast<int>(
      std::max<int64_t>(64 << 20, max_document_bytes + (max_document_bytes >> 2) + (1 << 20)));
  absl::Status status = server::RunServer(server_options, {service.get()},
                                          [&] { pipeline->Stop(grace); });
  // Teardown in dependency order; the database closes last, once nothing can write to it.
  service.reset();
  pipeline.reset();
  index.reset();
  extraction.reset();
  store.reset();
  db->reset();
  if (!status.ok()) return Fail(status.ToString());
  return 0;
}
