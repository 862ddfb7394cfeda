// govreport-query: serves govreport.v1.QueryService over the index in --data_dir.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/time.h"
#include "common/extract/catalog.h"
#include "common/regions/divisions.h"
#include "common/server/server_runner.h"
#include "services/query/defaults.h"
#include "services/query/query_service.h"
#include "services/query/report_store.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "host:port to serve on (port 0 picks a free port)");
ABSL_FLAG(std::string, data_dir, "", "directory of the index (RocksDB); created when missing");
ABSL_FLAG(int, search_buffer_mb, 96,
          "memory for the postings of recently indexed reports before they are written as a search "
          "segment (rebuilt from stored texts after a restart, so larger means a slower start)");
ABSL_FLAG(int, search_merge_factor, 8, "search segments of one size tier merged together");
ABSL_FLAG(absl::Duration, max_query_time, absl::Seconds(2),
          "longest evaluation of one Search before DEADLINE_EXCEEDED");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Serves govreport.v1.QueryService. Usage: govreport-query --data_dir=DIR");
  absl::ParseCommandLine(argc, argv);
  const std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  if (data_dir.empty()) {
    std::fprintf(stderr, "govreport-query: --data_dir is required\n");
    return 2;
  }
  auto hierarchy = govreport::query::MakeDivisionsHierarchy(govreport::regions::Divisions::Default());
  govreport::query::ReportStoreOptions store_options;
  store_options.path = data_dir;
  store_options.hierarchy = hierarchy.get();
  store_options.search.flush_bytes =
      static_cast<size_t>(std::max(1, absl::GetFlag(FLAGS_search_buffer_mb))) << 20;
  store_options.search.merge_factor = std::max(2, absl::GetFlag(FLAGS_search_merge_factor));
  auto store = govreport::query::ReportStore::Open(store_options);
  if (!store.ok()) {
    std::fprintf(stderr, "govreport-query: %s\n", store.status().ToString().c_str());
    return 1;
  }
  govreport::query::QueryServiceOptions service_options;
  service_options.max_query_time =
      std::chrono::milliseconds(absl::ToInt64Milliseconds(absl::GetFlag(FLAGS_max_query_time)));
  govreport::query::QueryServiceImpl service(
      store->get(),
      govreport::query::MakeIndicatorSet(govreport::extract::IndicatorCatalog::Default()),
      service_options);

  govreport::server::ServerOptions server_options;
  server_options.name = "govreport-query";
  server_options.service_names = {govreport::v1::QueryService::service_full_name()};
  server_options.listen = absl::GetFlag(FLAGS_listen);
  absl::Status status = govreport::server::RunServer(server_options, {&service});
  if (!status.ok()) {
    std::fprintf(stderr, "govreport-query: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
