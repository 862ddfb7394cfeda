// govreport-extraction: serves ExtractionService over the rule-based extractor.
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
#include "services/extraction/extraction_service.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "host:port to serve on (port 0 picks a free port)");
ABSL_FLAG(std::string, data_dir, "", "directory of the result cache (RocksDB); required");
ABSL_FLAG(int64_t, max_text_bytes, 16 << 20, "largest normalized text accepted, in bytes");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "time in-flight calls get to finish after SIGTERM");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Serves govreport.v1.ExtractionService.\n"
                               "usage: govreport-extraction --data_dir=DIR [--listen=HOST:PORT]");
  absl::ParseCommandLine(argc, argv);
  const std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  if (data_dir.empty()) {
    std::fprintf(stderr, "govreport-extraction: --data_dir is required\n");
    return 2;
  }
  const int64_t max_text_bytes = absl::GetFlag(FLAGS_max_text_bytes);
  if (max_text_bytes <= 0 || max_text_bytes > (1LL << 30)) {
    std::fprintf(stderr, "govreport-extraction: --max_text_bytes must be in 1..1073741824\n");
    return 2;
  }

  auto extractor = govreport::extract::Extractor::Create();
  if (!extractor.ok()) {
    std::fprintf(stderr, "govreport-extraction: %s\n", extractor.status().ToString().c_str());
    return 1;
  }
  auto cache = govreport::storage::Database::Open(
      data_dir, govreport::extraction::ExtractionServiceImpl::ColumnFamilies());
  if (!cache.ok()) {
    std::fprintf(stderr, "govreport-extraction: %s\n", cache.status().ToString().c_str());
    return 1;
  }

  govreport::extraction::ExtractionServiceOptions service_options;
  service_options.max_text_bytes = static_cast<size_t>(max_text_bytes);
  auto service = std::make_unique<govreport::extraction::ExtractionServiceImpl>(
      extractor->get(), cache->get(), service_options);
  absl::StatusOr<int64_t> dropped = service->DropOtherVersions();
  if (!dropped.ok()) {
    std::fprintf(stderr, "govreport-extraction: %s\n", dropped.status().ToString().c_str());
  } else if (*dropped > 0) {
    std::fprintf(stderr, "govreport-extraction: dropped %lld cached result(s) of older versions\n",
                 static_cast<long long>(*dropped));
  }

  govreport::server::ServerOptions server_options;
  server_options.name = "govreport-extraction";
  server_options.service_names = {govreport::v1::ExtractionService::service_full_name()};
  server_options.listen = absl::GetFlag(FLAGS_listen);
  server_options.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  // Room above the text limit so oversized texts get the service's own message.
  server_options.max_message_bytes =
      static_cast<int>(std::max<int64_t>(64 << 20, max_text_bytes + (max_text_bytes >> 2) +
                                                       (1 << 20)));
  absl::Status status = govreport::server::RunServer(server_options, {service.get()});
  // The server is gone: nothing can touch the cache any more.
  service.reset();
  cache->reset();
  if (!status.ok()) {
    std::fprintf(stderr, "govreport-extraction: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
