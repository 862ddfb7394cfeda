#ifndef GOVREPORT_COMMON_SERVER_GRPC_STATUS_H_
#define GOVREPORT_COMMON_SERVER_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace govreport::server {

// absl and gRPC share the canonical code numbering (google.rpc.Code), so conversions keep the
// code and the message exactly.
grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status ToAbslStatus(const grpc::Status& status);

}  // namespace govreport::server

#endif  // GOVREPORT_COMMON_SERVER_GRPC_STATUS_H_
