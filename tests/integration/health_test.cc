// Operability as seen from outside: the standard health service answers SERVING, reflection
// lists the API (what grpcurl relies on), and SIGTERM ends each server cleanly with status 0.
#include <sys/wait.h>

#include <set>

#include "gtest/gtest.h"
#include "proto/health.grpc.pb.h"
#include "proto/reflection.grpc.pb.h"
#include "tests/integration/cluster.h"

namespace govreport::testing {
namespace {

struct Expected {
  ServerProcess& process;
  std::string service;
};

std::vector<Expected> Services(Cluster& cluster) {
  return {{cluster.extraction(), "govreport.v1.ExtractionService"},
          {cluster.query(), "govreport.v1.QueryService"},
          {cluster.ingest(), "govreport.v1.IngestService"}};
}

TEST(HealthTest, EachServerIsServingAndListsItsServiceByReflection) {
  auto started = Cluster::Start({});
  ASSERT_TRUE(started.ok()) << started.status();
  Cluster& cluster = **started;
  for (const Expected& expected : Services(cluster)) {
    SCOPED_TRACE(expected.process.name());
    auto channel = cluster.Channel(expected.process.address());

    auto health = grpc::health::v1::Health::NewStub(channel);
    // The server as a whole (service ""), which is what the deploy probes ask.
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    const grpc::Status status = health->Check(ContextWithDeadline().get(), request, &response);
    ASSERT_TRUE(status.ok()) << Describe(status);
    EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);

    auto reflection = grpc::reflection::v1alpha::ServerReflection::NewStub(channel);
    auto context = ContextWithDeadline();
    auto stream = reflection->ServerReflectionInfo(context.get());
    grpc::reflection::v1alpha::ServerReflectionRequest list;
    list.set_list_services("");
    ASSERT_TRUE(stream->Write(list));
    grpc::reflection::v1alpha::ServerReflectionResponse listed;
    ASSERT_TRUE(stream->Read(&listed));
    std::set<std::string> names;
    for (const auto& s : listed.list_services_response().service()) names.insert(s.name());
    EXPECT_TRUE(names.count(expected.service)) << listed.DebugString();
    EXPECT_TRUE(names.count("grpc.health.v1.Health")) << listed.DebugString();

    // The service's descriptor is served too, so clients need no .proto files.
    grpc::reflection::v1alpha::ServerReflectionRequest symbol;
    symbol.set_file_containing_symbol(expected.service);
    ASSERT_TRUE(stream->Write(symbol));
    grpc::reflection::v1alpha::ServerReflectionResponse described;
    ASSERT_TRUE(stream->Read(&described));
    EXPECT_GE(described.file_descriptor_response().file_descriptor_proto_size(), 1)
        << described.DebugString();
    stream->WritesDone();
    EXPECT_TRUE(stream->Finish().ok());
  }
}

TEST(HealthTest, SigtermEndsEachServerWithExitCodeZero) {
  auto started = Cluster::Start({});
  ASSERT_TRUE(started.ok()) << started.status();
  Cluster& cluster = **started;
  // Some work first, so shutdown also has a pipeline and open databases to close.
  v1::IngestRequest request;
  request.set_content(ReadSample(SampleNames().back()));
  v1::IngestResponse response;
  ASSERT_TRUE(cluster.IngestStub()->Ingest(ContextWithDeadline().get(), request, &response).ok());
  ASSERT_TRUE(cluster.WaitUntilSettled(1).ok()) << cluster.Logs();

  // Ingest first: it depends on the other two.
  for (ServerProcess* process : {&cluster.ingest(), &cluster.query(), &cluster.extraction()}) {
    auto status = process->Stop();
    ASSERT_TRUE(status.ok()) << process->name() << ": " << status.status() << "\n"
                             << process->LogTail();
    EXPECT_TRUE(WIFEXITED(*status)) << process->name() << " wait status " << *status << "\n"
                                    << process->LogTail();
    EXPECT_EQ(WEXITSTATUS(*status), 0) << process->name() << "\n" << process->LogTail();
  }
}

TEST(HealthTest, RestartedServerOnSameDataDirComesBack) {
  auto started = Cluster::Start({});
  ASSERT_TRUE(started.ok()) << started.status();
  Cluster& cluster = **started;
  ASSERT_TRUE(cluster.ingest().Stop().ok());
  ASSERT_TRUE(cluster.StartIngest().ok()) << cluster.Logs();
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  auto health = grpc::health::v1::Health::NewStub(cluster.Channel(cluster.ingest().address()));
  ASSERT_TRUE(health->Check(ContextWithDeadline().get(), request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

}  // namespace
}  // namespace govreport::testing
