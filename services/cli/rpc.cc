#include "services/cli/rpc.h"

#include <chrono>

#include "absl/strings/str_cat.h"

namespace govreport::cli {

absl::StatusOr<RpcSettings> ResolveRpcSettings(const CommandLine& line, const Environment& env) {
  auto from_env = [&](const char* name, const char* fallback) -> std::string {
    const char* value = env.getenv ? env.getenv(name) : nullptr;
    return value != nullptr && *value != '\0' ? value : fallback;
  };
  RpcSettings settings;
  settings.ingest_target = line.Get("ingest", from_env("GOVREPORT_INGEST", kDefaultIngestTarget));
  settings.query_target = line.Get("query", from_env("GOVREPORT_QUERY", kDefaultQueryTarget));
  auto seconds = line.GetDouble("deadline", 30);
  if (!seconds.ok()) return seconds.status();
  if (!(*seconds > 0)) {
    return absl::InvalidArgumentError("--deadline must be a positive number of seconds");
  }
  settings.deadline = absl::Seconds(*seconds);
  return settings;
}

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& target) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(256 << 20);
  args.SetMaxSendMessageSize(256 << 20);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

std::unique_ptr<grpc::ClientContext> MakeContext(absl::Duration deadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMicroseconds(deadline));
  return context;
}

std::string StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "OK";
    case grpc::StatusCode::CANCELLED: return "CANCELLED";
    case grpc::StatusCode::UNKNOWN: return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND: return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS: return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED: return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL: return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS: return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED: return "UNAUTHENTICATED";
    default: return absl::StrCat("CODE_", static_cast<int>(code));
  }
}

std::string DescribeRpcError(absl::string_view rpc, absl::string_view target,
                             const grpc::Status& status) {
  std::string line = absl::StrCat(rpc, " at ", target, " failed: ",
                                  StatusCodeName(status.error_code()), ": ",
                                  status.error_message());
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    absl::StrAppend(&line, " (is the service running there? set --ingest/--query or "
                           "GOVREPORT_INGEST/GOVREPORT_QUERY)");
  }
  return line;
}

}  // namespace govreport::cli
