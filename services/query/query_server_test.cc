// The service over real gRPC: an in-process server on port 0, and the govreport-query binary
// killed with SIGKILL and restarted on the same data directory.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "common/testing/scratch_dir.h"
#include "common/text/utf8.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/query/query_service.h"
#include "services/query/test_reports.h"

namespace govreport::query {
namespace {

using testing::MakeFact;
using testing::MakeReport;


v1::Report SampleReport() {
  return MakeReport("r1", testing::Yunfu(), 2021, "云浮市地区生产总值1002亿元。",
                    {MakeFact("gdp", v1::MEASURE_VALUE, "2020", v1::KIND_ACTUAL, 1002e8, "元")});
}

TEST(QueryServerTest, ServesOverGrpc) {
  ReportStoreOptions options;
  options.path = test_support::FreshScratchDir("query_server");
  options.block_cache_bytes = 8 << 20;
  auto store = ReportStore::Open(options);
  ASSERT_TRUE(store.ok()) << store.status();
  QueryServiceImpl service(store->get(), testing::TestIndicators());
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  auto stub = v1::QueryService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));

  {
    grpc::ClientContext context;
    v1::IndexReportRequest request;
    *request.mutable_report() = SampleReport();
    v1::IndexReportResponse response;
    ASSERT_TRUE(stub->IndexReport(&context, request, &response).ok());
    EXPECT_EQ(response.facts_indexed(), 1);
  }
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::SearchRequest request;
    request.set_query("地區生產總值");
    v1::SearchResponse response;
    ASSERT_TRUE(stub->Search(&context, request, &response).ok());
    EXPECT_EQ(response.total_hits(), 1);
  }
  {
    grpc::ClientContext context;
    v1::SearchRequest request;
    v1::SearchResponse response;
    grpc::Status status = stub->Search(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  }
  {
    grpc::ClientContext context;
    v1::GetReportRequest request;
    request.set_report_id("missing");
    v1::Report response;
    EXPECT_EQ(stub->GetReport(&context, request, &response).error_code(), grpc::StatusCode::NOT_FOUND);
  }
  server->Shutdown();
}

// Starts the binary; returns its pid and the port it reports on stderr.
pid_t StartBinary(const std::string& data_dir, int* port, const char* extra_flag = nullptr) {
  const char* bin_dir = std::getenv("GOVREPORT_BIN_DIR");
  const std::string binary = std::string(bin_dir != nullptr ? bin_dir : ".") + "/govreport-query";
  int fds[2];
  if (pipe(fds) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDERR_FILENO);
    close(fds[0]);
    const std::string flag = "--data_dir=" + data_dir;
    execl(binary.c_str(), binary.c_str(), flag.c_str(), "--listen=127.0.0.1:0", extra_flag, nullptr);
    _exit(127);
  }
  close(fds[1]);
  std::string output;
  char buffer[256];
  const std::string marker = "listening on ";
  while (true) {
    const ssize_t n = read(fds[0], buffer, sizeof(buffer));
    if (n <= 0) break;
    output.append(buffer, static_cast<size_t>(n));
    const size_t at = output.find(marker);
    if (at != std::string::npos && output.find('\n', at) != std::string::npos) {
      const std::string address = output.substr(at + marker.size(), output.find('\n', at) - at - marker.size());
      *port = std::atoi(address.substr(address.rfind(':') + 1).c_str());
      break;
    }
  }
  // Keep draining stderr so the server never blocks on a full pipe.
  if (fork() == 0) {
    while (read(fds[0], buffer, sizeof(buffer)) > 0) {
    }
    _exit(0);
  }
  close(fds[0]);
  return pid;
}

TEST(QueryServerTest, BinarySurvivesSigkill) {
  const std::string dir = test_support::FreshScratchDir("query_server");
  int port = 0;
  pid_t pid = StartBinary(dir, &port);
  ASSERT_GT(pid, 0);
  ASSERT_GT(port, 0) << "govreport-query did not report its port";
  {
    auto stub = v1::QueryService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    v1::IndexReportRequest request;
    *request.mutable_report() = SampleReport();
    v1::IndexReportResponse response;
    grpc::Status status = stub->IndexReport(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);

  pid = StartBinary(dir, &port);
  ASSERT_GT(pid, 0);
  ASSERT_GT(port, 0);
  auto stub = v1::QueryService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  v1::GetReportRequest request;
  request.set_report_id("r1");
  v1::Report report;
  grpc::Status status = stub->GetReport(&context, request, &report);
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(report.facts_size(), 1);
  EXPECT_EQ(report.normalized_text(), SampleReport().normalized_text());
}

// A text of ~3 KB with ~1,000 distinct terms (so a 1 MB buffer fills every ten or so reports):
// pseudo-random ideographs, common words in a per-report order, and a word only report `i` has.
std::string VariedText(int i) {
  static const char* kWords[] = {"地区生产总值", "一般公共预算收入", "固定资产投资", "乡村振兴",
                                 "营商环境", "高质量发展", "城乡居民收入", "招商引资"};
  std::string text = "marker" + std::to_string(i) + "x。";
  uint32_t state = static_cast<uint32_t>(i) * 2654435761u + 1;
  for (int k = 0; k < 40; ++k) {
    text += std::string(kWords[(i * 7 + k * (i % 5 + 1)) % 8]) + "，";
    for (int c = 0; c < 20; ++c) {
      state = state * 1103515245u + 12345u;
      text += govreport::text::ToUtf8(std::u32string(1, U'一' + (state >> 16) % 300));
    }
    text += "。";
  }
  return text;
}

int64_t SearchHits(v1::QueryService::Stub* stub, const std::string& query) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  v1::SearchRequest request;
  request.set_query(query);
  v1::SearchResponse response;
  grpc::Status status = stub->Search(&context, request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.total_hits();
}

// With a 1 MB postings buffer, segments are written and merged every few reports, so the kill
// lands among buffered, frozen, half-written and merged postings. Every acknowledged report must
// be searchable after the restart, exactly once.
TEST(QueryServerTest, SigkillDuringSegmentWritesLosesNoPostings) {
  const std::string dir = test_support::FreshScratchDir("query_server");
  int port = 0;
  pid_t pid = StartBinary(dir, &port, "--search_buffer_mb=1");
  ASSERT_GT(pid, 0);
  ASSERT_GT(port, 0) << "govreport-query did not report its port";
  int acknowledged = 0;
  {
    auto stub = v1::QueryService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
    for (int i = 0; i < 160; ++i) {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
      v1::IndexReportRequest request;
      *request.mutable_report() = MakeReport("r" + std::to_string(i), testing::Yunfu(), 2021, VariedText(i));
      v1::IndexReportResponse response;
      ASSERT_TRUE(stub->IndexReport(&context, request, &response).ok());
      ++acknowledged;
    }
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);

  pid = StartBinary(dir, &port, "--search_buffer_mb=1");
  ASSERT_GT(pid, 0);
  ASSERT_GT(port, 0);
  auto stub = v1::QueryService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  for (int i = 0; i < acknowledged; ++i) {
    EXPECT_EQ(SearchHits(stub.get(), "marker" + std::to_string(i) + "x"), 1) << "report " << i;
  }
  int with_word = 0;
  for (int i = 0; i < acknowledged; ++i) with_word += VariedText(i).find("营商环境") != std::string::npos;
  EXPECT_EQ(SearchHits(stub.get(), "营商环境"), with_word);
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
}

}  // namespace
}  // namespace govreport::query
