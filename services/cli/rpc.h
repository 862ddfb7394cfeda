#ifndef GOVREPORT_SERVICES_CLI_RPC_H_
#define GOVREPORT_SERVICES_CLI_RPC_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "services/cli/command.h"

namespace govreport::cli {

inline constexpr char kDefaultIngestTarget[] = "127.0.0.1:50051";
inline constexpr char kDefaultQueryTarget[] = "127.0.0.1:50053";

// Where the services are and how long each call may take. Targets come from --ingest/--query,
// else GOVREPORT_INGEST/GOVREPORT_QUERY, else the defaults above; --deadline (seconds, default
// 30) bounds every single RPC so a hung server never hangs a script.
struct RpcSettings {
  std::string ingest_target;
  std::string query_target;
  absl::Duration deadline;
};

// Errors: INVALID_ARGUMENT for a deadline that is not a positive number.
absl::StatusOr<RpcSettings> ResolveRpcSettings(const CommandLine& line, const Environment& env);

// An insecure channel (loopback deployments) that accepts large responses (whole reports).
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& target);

// A client context whose deadline is now + `deadline`.
std::unique_ptr<grpc::ClientContext> MakeContext(absl::Duration deadline);

// "INVALID_ARGUMENT" for grpc::StatusCode::INVALID_ARGUMENT.
std::string StatusCodeName(grpc::StatusCode code);

// One line for stderr: "QueryFacts at 127.0.0.1:50053 failed: INVALID_ARGUMENT: <message>",
// with a hint when the service is unreachable.
std::string DescribeRpcError(absl::string_view rpc, absl::string_view target,
                             const grpc::Status& status);

}  // namespace govreport::cli

#endif  // GOVREPORT_SERVICES_CLI_RPC_H_
