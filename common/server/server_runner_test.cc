#include "common/server/server_runner.h"

#include <signal.h>
#include <unistd.h>

#include <future>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "govreport/v1/extraction.grpc.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/impl/codegen/client_unary_call.h"
#include "grpcpp/impl/codegen/sync_stream.h"
#include "gtest/gtest.h"

namespace govreport::server {
namespace {

// A server running RunServerUntil on a background thread.
class RunningServer {
 public:
  explicit RunningServer(ServerOptions options) : options_(std::move(options)) {
    std::promise<int> port;
    auto port_future = port.get_future();
    thread_ = std::thread([this, &port] {
      result_ = RunServerUntil(
          options_, {&service_}, &trigger_, [&port](int bound) { port.set_value(bound); },
          [this] { before_exit_ran_ = true; });
      if (!result_.ok()) port.set_value(0);
    });
    port_ = port_future.get();
  }
  ~RunningServer() { Stop(); }

  absl::Status Stop() {
    trigger_.Fire();
    if (thread_.joinable()) thread_.join();
    return result_;
  }

  int port() const { return port_; }
  bool before_exit_ran() const { return before_exit_ran_; }
  std::shared_ptr<grpc::Channel> Channel() const {
    return grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_),
                               grpc::InsecureChannelCredentials());
  }

 private:
  ServerOptions options_;
  govreport::v1::ExtractionService::Service service_;  // every method UNIMPLEMENTED: enough here
  ShutdownTrigger trigger_;
  std::thread thread_;
  absl::Status result_;
  int port_ = 0;
  bool before_exit_ran_ = false;
};

ServerOptions TestOptions() {
  ServerOptions options;
  options.name = "server-runner-test";
  options.listen = "127.0.0.1:0";
  options.shutdown_grace = absl::Seconds(1);
  return options;
}

// grpc.health.v1.Health/Check for `service` ("" is the whole server); returns the raw response.
grpc::Status HealthCheck(const std::shared_ptr<grpc::Channel>& channel, std::string* response,
                         const std::string& service = "") {
  grpc::ClientContext context;
  // HealthCheckRequest{service}: field 1, length-delimited (names here are < 128 bytes).
  std::string encoded;
  if (!service.empty()) {
    encoded.push_back('\x0a');
    encoded.push_back(static_cast<char>(service.size()));
    encoded += service;
  }
  grpc::Slice slice(encoded);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer reply;
  grpc::Status status = grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel.get(),
      grpc::internal::RpcMethod("/grpc.health.v1.Health/Check",
                                grpc::internal::RpcMethod::NORMAL_RPC),
      &context, request, &reply);
  if (status.ok()) {
    std::vector<grpc::Slice> slices;
    (void)reply.Dump(&slices);
    response->clear();
    for (const auto& slice : slices) {
      response->append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    }
  }
  return status;
}

TEST(ServerRunnerTest, HealthIsServingWhileRunning) {
  RunningServer server(TestOptions());
  ASSERT_NE(server.port(), 0);
  std::string response;
  grpc::Status status = HealthCheck(server.Channel(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // HealthCheckResponse{status: SERVING(1)} encodes as field 1, varint 1.
  EXPECT_EQ(response, std::string("\x08\x01", 2));
}

TEST(ServerRunnerTest, HealthAnswersForEachNamedService) {
  ServerOptions options = TestOptions();
  options.service_names = {govreport::v1::ExtractionService::service_full_name()};
  RunningServer server(options);
  ASSERT_NE(server.port(), 0);
  std::string response;
  grpc::Status status =
      HealthCheck(server.Channel(), &response, "govreport.v1.ExtractionService");
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response, std::string("\x08\x01", 2));
  // A service this server does not run is unknown to health, not SERVING.
  EXPECT_EQ(HealthCheck(server.Channel(), &response, "govreport.v1.QueryService").error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST(ServerRunnerTest, ReflectionListsRegisteredServices) {
  RunningServer server(TestOptions());
  ASSERT_NE(server.port(), 0);

  // The reflection library registers its messages in the generated pool; use them dynamically
  // since the generated headers are not installed.
  const google::protobuf::DescriptorPool* pool =
      google::protobuf::DescriptorPool::generated_pool();
  const auto* request_type =
      pool->FindMessageTypeByName("grpc.reflection.v1alpha.ServerReflectionRequest");
  const auto* response_type =
      pool->FindMessageTypeByName("grpc.reflection.v1alpha.ServerReflectionResponse");
  ASSERT_NE(request_type, nullptr);
  ASSERT_NE(response_type, nullptr);
  google::protobuf::DynamicMessageFactory factory(pool);
  std::unique_ptr<google::protobuf::Message> request(factory.GetPrototype(request_type)->New());
  std::unique_ptr<google::protobuf::Message> response(
      factory.GetPrototype(response_type)->New());
  request->GetReflection()->SetString(request.get(),
                                      request_type->FindFieldByName("list_services"), "*");

  auto channel = server.Channel();
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReaderWriter<google::protobuf::Message, google::protobuf::Message>>
      stream(grpc::internal::ClientReaderWriterFactory<
             google::protobuf::Message, google::protobuf::Message>::
                 Create(channel.get(),
                        grpc::internal::RpcMethod(
                            "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                            grpc::internal::RpcMethod::BIDI_STREAMING),
                        &context));
  ASSERT_TRUE(stream->Write(*request));
  stream->WritesDone();
  ASSERT_TRUE(stream->Read(response.get()));
  grpc::Status status = stream->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();

  const auto* list_field = response_type->FindFieldByName("list_services_response");
  ASSERT_TRUE(response->GetReflection()->HasField(*response, list_field));
  const google::protobuf::Message& list =
      response->GetReflection()->GetMessage(*response, list_field);
  const auto* service_field = list.GetDescriptor()->FindFieldByName("service");
  std::vector<std::string> names;
  for (int i = 0; i < list.GetReflection()->FieldSize(list, service_field); ++i) {
    const google::protobuf::Message& service =
        list.GetReflection()->GetRepeatedMessage(list, service_field, i);
    names.push_back(service.GetReflection()->GetString(
        service, service.GetDescriptor()->FindFieldByName("name")));
  }
  EXPECT_NE(std::find(names.begin(), names.end(), "govreport.v1.ExtractionService"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "grpc.health.v1.Health"), names.end());
}

TEST(ServerRunnerTest, TriggerStopsServerAndRunsBeforeExit) {
  RunningServer server(TestOptions());
  ASSERT_NE(server.port(), 0);
  EXPECT_TRUE(server.Stop().ok());
  EXPECT_TRUE(server.before_exit_ran());
  std::string response;
  grpc::ClientContext context;
  EXPECT_FALSE(HealthCheck(server.Channel(), &response).ok());
}

TEST(ServerRunnerTest, SigtermStopsRunServer) {
  std::promise<int> port;
  auto port_future = port.get_future();
  ShutdownTrigger unused;  // RunServerUntil with a trigger nobody fires: only the signal stops it
  absl::Status result;
  bool before_exit_ran = false;
  std::thread runner([&] {
    result = RunServerUntil(
        TestOptions(), {}, &unused, [&port](int bound) { port.set_value(bound); },
        [&] { before_exit_ran = true; });
  });
  ASSERT_NE(port_future.get(), 0);
  ASSERT_EQ(kill(getpid(), SIGTERM), 0);
  runner.join();
  EXPECT_TRUE(result.ok()) << result;
  EXPECT_TRUE(before_exit_ran);
}

TEST(ServerRunnerTest, PortInUseIsUnavailable) {
  RunningServer first(TestOptions());
  ASSERT_NE(first.port(), 0);
  ServerOptions options = TestOptions();
  options.listen = absl::StrCat("127.0.0.1:", first.port());
  ShutdownTrigger trigger;
  absl::Status status = RunServerUntil(options, {}, &trigger, nullptr);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
}

}  // namespace
}  // namespace govreport::server
