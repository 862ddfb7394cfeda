// The program as scripts see it: exit codes, output shape, error messages (run in-process).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "govreport/v1/ingest.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/cli/command.h"

namespace govreport::cli {
namespace {

using ::testing::HasSubstr;

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun RunCli(const std::vector<std::string>& args,
           std::function<const char*(const char*)> getenv = nullptr) {
  std::ostringstream out, err;
  Environment env{&out, &err, getenv ? getenv : [](const char*) -> const char* { return nullptr; },
                  false};
  const int code = RunMain(args, env);
  return {code, out.str(), err.str()};
}

std::string Sample(const std::string& name) {
  const char* dir = std::getenv("GOVREPORT_SOURCE_DIR");
  return std::string(dir != nullptr ? dir : ".") + "/data/samples/" + name;
}

TEST(CliTest, NoArgumentsIsUsageError) {
  const CliRun run = RunCli({});
  EXPECT_EQ(run.code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("usage: govreport"));
}

TEST(CliTest, HelpListsEveryCommand) {
  const CliRun run = RunCli({"--help"});
  EXPECT_EQ(run.code, kExitOk);
  for (const char* command : {"extract", "ingest", "status", "wait", "reports", "facts", "get",
                              "reextract", "series", "compare", "attainment", "search", "regions",
                              "indicators", "overview"}) {
    EXPECT_THAT(run.out, HasSubstr(std::string("  ") + command + " ")) << command;
  }
}

TEST(CliTest, CommandHelpListsItsFlags) {
  const CliRun run = RunCli({"facts", "--help"});
  EXPECT_EQ(run.code, kExitOk);
  EXPECT_THAT(run.out, HasSubstr("--indicator"));
  EXPECT_THAT(run.out, HasSubstr("--within"));
}

TEST(CliTest, UnknownCommandAndFlagAreUsageErrors) {
  EXPECT_EQ(RunCli({"frobnicate"}).code, kExitUsage);
  const CliRun run = RunCli({"facts", "--indicatr=gdp"});
  EXPECT_EQ(run.code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("--indicatr"));
}

TEST(CliTest, BadEnumWordIsUsageErrorListingChoices) {
  const CliRun run = RunCli({"facts", "--kind=sometimes", "--query=127.0.0.1:1"});
  EXPECT_EQ(run.code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("actual"));
}

TEST(CliTest, UnreachableServiceNamesCodeAndTarget) {
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  const CliRun run = RunCli({"indicators", "--query=127.0.0.1:1", "--deadline=5"});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("127.0.0.1:1"));
  EXPECT_THAT(run.err, ::testing::AnyOf(HasSubstr("UNAVAILABLE"), HasSubstr("DEADLINE_EXCEEDED")));
}

TEST(CliTest, TargetComesFromEnvironmentWhenNoFlag) {
  const CliRun run = RunCli({"indicators", "--deadline=5"}, [](const char* name) -> const char* {
    return std::string(name) == "GOVREPORT_QUERY" ? "127.0.0.1:1" : nullptr;
  });
  EXPECT_THAT(run.err, HasSubstr("127.0.0.1:1"));
}

// An IngestService that answers IngestStream like the real one (empty documents are errors,
// anything else is one new report) and records Reextract requests.
class FakeIngestService final : public v1::IngestService::Service {
 public:
  grpc::Status IngestStream(
      grpc::ServerContext*,
      grpc::ServerReaderWriter<v1::IngestStreamResponse, v1::IngestRequest>* stream) override {
    {
      absl::MutexLock lock(&mu_);
      ++streams_;
    }
    v1::IngestRequest request;
    for (int64_t index = 0; stream->Read(&request); ++index) {
      v1::IngestStreamResponse response;
      response.set_index(index);
      if (request.content().empty()) {
        response.set_error_code(static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
        response.set_error_message("empty document");
      } else {
        auto* report = response.mutable_result()->add_reports();
        report->set_report_id("r" + std::to_string(index));
        response.mutable_result()->set_detected_charset("UTF-8");
      }
      if (!stream->Write(response)) break;
    }
    return grpc::Status::OK;
  }
  grpc::Status Reextract(grpc::ServerContext*, const v1::ReextractRequest* request,
                         v1::ReextractResponse* response) override {
    absl::MutexLock lock(&mu_);
    last_reextract_ = *request;
    response->set_scheduled(3);
    return grpc::Status::OK;
  }
  int streams() {
    absl::MutexLock lock(&mu_);
    return streams_;
  }
  v1::ReextractRequest last_reextract() {
    absl::MutexLock lock(&mu_);
    return last_reextract_;
  }

 private:
  absl::Mutex mu_;
  int streams_ = 0;
  v1::ReextractRequest last_reextract_;
};

class CliWithIngestServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    target_ = "--ingest=127.0.0.1:" + std::to_string(port);
  }
  void TearDown() override { server_->Shutdown(); }

  FakeIngestService service_;
  std::unique_ptr<grpc::Server> server_;
  std::string target_;
};

TEST_F(CliWithIngestServiceTest, IngestSendsEveryFileOnOneStreamAndNamesFailedFiles) {
  const std::string dir = ::testing::TempDir() + "/cli_ingest_stream";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  { std::ofstream(dir + "/a.txt") << "报告一"; }
  { std::ofstream(dir + "/b.txt").flush(); }
  { std::ofstream(dir + "/c.txt") << "报告三"; }
  const CliRun run = RunCli({"ingest", dir, target_});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_EQ(service_.streams(), 1);
  EXPECT_THAT(run.out, HasSubstr(dir + "/a.txt: 1 report(s), UTF-8\n"));
  EXPECT_THAT(run.out, HasSubstr(dir + "/c.txt: 1 report(s), UTF-8\n"));
  EXPECT_THAT(run.err, HasSubstr(dir + "/b.txt: "));
  EXPECT_THAT(run.err, HasSubstr("INVALID_ARGUMENT: empty document"));
  EXPECT_THAT(run.out,
              HasSubstr("ingested: files 3, reports 2, new 2, already known 0, errors 1\n"));
}

TEST_F(CliWithIngestServiceTest, ReextractSendsFilters) {
  const CliRun run = RunCli({"reextract", "--outdated", "--region=云浮市", "--year_from=2020",
                             "--year_to=2023", "--source_prefix=data/", target_});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_EQ(run.out, "scheduled 3 report(s) for re-extraction\n");
  const v1::ReextractRequest request = service_.last_reextract();
  EXPECT_FALSE(request.all());
  EXPECT_TRUE(request.only_outdated());
  EXPECT_EQ(request.region(), "云浮市");
  EXPECT_EQ(request.year_from(), 2020);
  EXPECT_EQ(request.year_to(), 2023);
  EXPECT_EQ(request.source_uri_prefix(), "data/");
  EXPECT_EQ(request.report_ids_size(), 0);

  ASSERT_EQ(RunCli({"reextract", "r1", "r2", target_}).code, kExitOk);
  EXPECT_EQ(service_.last_reextract().report_ids_size(), 2);
}

TEST(CliTest, ReextractNeedsASelection) {
  EXPECT_EQ(RunCli({"reextract", "--ingest=127.0.0.1:1"}).code, kExitUsage);
  EXPECT_EQ(RunCli({"reextract", "--outdated", "r1", "--ingest=127.0.0.1:1"}).code, kExitUsage);
  const CliRun run = RunCli({"reextract", "--all", "--year_from=soon", "--ingest=127.0.0.1:1"});
  EXPECT_EQ(run.code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("year_from"));
}

TEST(CliTest, IngestToUnreachableServiceNamesTheFileAndStops) {
  const CliRun run = RunCli({"ingest", Sample("002_7d54046d113e74f1.txt"),
                             Sample("000_8a7bc9ce6e61cdbb.txt"), "--ingest=127.0.0.1:1",
                             "--deadline=5"});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("002_7d54046d113e74f1.txt: IngestService.IngestStream"));
  EXPECT_THAT(run.err, HasSubstr("127.0.0.1:1"));
  EXPECT_THAT(run.out, HasSubstr("ingested: files 2, reports 0, new 0, already known 0, errors 1"));
}

TEST(CliTest, ExtractPrintsOneJsonLinePerReportInOrder) {
  const CliRun run = RunCli({"extract", Sample("000_8a7bc9ce6e61cdbb.txt")});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  std::vector<std::string> lines;
  std::istringstream in(run.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 10u);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].front(), '{');
    EXPECT_THAT(lines[i], HasSubstr("\"indexInBundle\":" + std::to_string(i + 1)));
    EXPECT_THAT(lines[i], ::testing::Not(HasSubstr("normalizedText")));
  }
  EXPECT_THAT(lines[0], HasSubstr("云浮市"));
}

TEST(CliTest, ExtractWithTextIncludesIt) {
  const CliRun run = RunCli({"extract", "--with_text", Sample("002_7d54046d113e74f1.txt")});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"normalizedText\":"));
}

TEST(CliTest, ExtractKeepsGoingAfterABadFileAndFailsAtTheEnd) {
  const CliRun run = RunCli({"extract", "/no/such/file", Sample("002_7d54046d113e74f1.txt")});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("/no/such/file"));
  EXPECT_THAT(run.out, HasSubstr("凤泉区"));
}

TEST(CliTest, ExtractNamesTheProblemWithAnEmptyFile) {
  const std::string path = ::testing::TempDir() + "/empty.txt";
  { std::ofstream(path).flush(); }
  const CliRun run = RunCli({"extract", path});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr(path));
  EXPECT_THAT(run.err, HasSubstr("empty document"));
}

}  // namespace
}  // namespace govreport::cli
