#ifndef GOVREPORT_COMMON_SERVER_SERVER_RUNNER_H_
#define GOVREPORT_COMMON_SERVER_SERVER_RUNNER_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"

namespace govreport::server {

struct ServerOptions {
  // Program name used in logs ("govreport-query").
  std::string name;
  // host:port to bind; port 0 picks a free port.
  std::string listen = "127.0.0.1:0";
  // In-flight calls get this long to finish after SIGTERM/SIGINT before they are cancelled.
  absl::Duration shutdown_grace = absl::Seconds(10);
  // Largest request/response message accepted.
  int max_message_bytes = 64 << 20;
  // Fully qualified names of the services registered ("govreport.v1.QueryService"). Health
  // reports each of them besides the whole server (""), so a client or probe may ask either way.
  std::vector<std::string> service_names;
};

// Runs a gRPC server with `services`, the standard grpc.health.v1.Health service and server
// reflection, until SIGTERM or SIGINT. Call it only once storage is open: health reports
// SERVING from the moment the port is bound. Logs "<name>: listening on <host>:<port>" to stderr
// with the bound port. On a signal: health goes NOT_SERVING, the server stops accepting,
// in-flight calls get options.shutdown_grace, then `before_exit` runs (stop workers) and the
// function returns OK. Errors: UNAVAILABLE when the address cannot be bound.
absl::Status RunServer(const ServerOptions& options, const std::vector<grpc::Service*>& services,
                       const std::function<void()>& before_exit = nullptr);

// Stops a server started by RunServerUntil without a signal (tests, embedders). Thread-safe;
// firing more than once is harmless.
class ShutdownTrigger {
 public:
  void Fire();
  bool HasFired() const;
  // Blocks until Fire() has been called.
  void Wait() const;

 private:
  mutable absl::Mutex mu_;
  bool fired_ ABSL_GUARDED_BY(mu_) = false;
};

// RunServer that also stops when `trigger` fires (SIGTERM/SIGINT still work), and calls
// `on_serving(bound_port)` once the port is bound and health says SERVING. `trigger`, when not
// null, must outlive the call. Same errors and shutdown sequence as RunServer.
absl::Status RunServerUntil(const ServerOptions& options,
                            const std::vector<grpc::Service*>& services, ShutdownTrigger* trigger,
                            const std::function<void(int bound_port)>& on_serving,
                            const std::function<void()>& before_exit = nullptr);

}  // namespace govreport::server

#endif  // GOVREPORT_COMMON_SERVER_SERVER_RUNNER_H_
