#include "common/server/server_runner.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"

namespace govreport::server {
namespace {

// Write end of the self-pipe; the signal handler only writes one byte to it.
int g_signal_pipe_write_fd = -1;

void OnTerminationSignal(int /*signo*/) {
  const int saved_errno = errno;
  const char byte = 1;
  // Non-blocking: if the pipe is full a wake-up is already pending, so losing this byte is fine.
  [[maybe_unused]] ssize_t n = write(g_signal_pipe_write_fd, &byte, 1);
  errno = saved_errno;
}

// Turns SIGTERM/SIGINT into ShutdownTrigger::Fire() on every running server. A self-pipe read by
// a plain thread keeps all real work out of the signal handler, and works whichever thread the
// kernel delivers the signal to. Handlers are installed only while a server runs, so a process
// that has finished serving dies on SIGTERM as usual.
class SignalWatcher {
 public:
  static SignalWatcher& Get() {
    static SignalWatcher* const watcher = new SignalWatcher();  // never destroyed: thread reads it
    return *watcher;
  }

  void Register(ShutdownTrigger* trigger) {
    absl::MutexLock lock(&mu_);
    if (triggers_.empty()) InstallHandlersLocked();
    triggers_.push_back(trigger);
  }

  void Unregister(ShutdownTrigger* trigger) {
    absl::MutexLock lock(&mu_);
    for (auto it = triggers_.begin(); it != triggers_.end(); ++it) {
      if (*it == trigger) {
        triggers_.erase(it);
        break;
      }
    }
    if (triggers_.empty()) RestoreHandlersLocked();
  }

 private:
  SignalWatcher() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
      std::perror("govreport: cannot create the signal pipe");
      std::abort();
    }
    fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
    read_fd_ = fds[0];
    g_signal_pipe_write_fd = fds[1];
    std::thread([this] { Loop(); }).detach();
  }

  void Loop() {
    char buffer[64];
    for (;;) {
      ssize_t n = read(read_fd_, buffer, sizeof(buffer));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;
      absl::MutexLock lock(&mu_);
      for (ShutdownTrigger* trigger : triggers_) trigger->Fire();
    }
  }

  void InstallHandlersLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    struct sigaction action = {};
    action.sa_handler = OnTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, &previous_term_);
    sigaction(SIGINT, &action, &previous_int_);
  }

  void RestoreHandlersLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    sigaction(SIGTERM, &previous_term_, nullptr);
    sigaction(SIGINT, &previous_int_, nullptr);
  }

  int read_fd_ = -1;
  absl::Mutex mu_;
  std::vector<ShutdownTrigger*> triggers_ ABSL_GUARDED_BY(mu_);
  struct sigaction previous_term_ ABSL_GUARDED_BY(mu_) = {};
  struct sigaction previous_int_ ABSL_GUARDED_BY(mu_) = {};
};

// "127.0.0.1:0" -> "127.0.0.1"; "[::]:50051" -> "[::]".
std::string HostOf(const std::string& listen) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || listen.find(']', colon) != std::string::npos) return listen;
  return listen.substr(0, colon);
}

}  // namespace

void ShutdownTrigger::Fire() {
  absl::MutexLock lock(&mu_);
  fired_ = true;
}

bool ShutdownTrigger::HasFired() const {
  absl::MutexLock lock(&mu_);
  return fired_;
}

void ShutdownTrigger::Wait() const {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(&fired_));
}

absl::Status RunServerUntil(const ServerOptions& options,
                            const std::vector<grpc::Service*>& services, ShutdownTrigger* trigger,
                            const std::function<void(int bound_port)>& on_serving,
                            const std::function<void()>& before_exit) {
  // Both are process-wide switches read when a ServerBuilder is created.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  int bound_port = 0;
  builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(), &bound_port);
  // Without this a second server on the same port would silently share the traffic.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  for (grpc::Service* service : services) builder.RegisterService(service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || bound_port == 0) {
    return absl::UnavailableError(
        absl::StrCat(options.name, ": cannot bind ", options.listen));
  }
  grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  if (health != nullptr) {
    health->SetServingStatus(true);
    for (const std::string& name : options.service_names) health->SetServingStatus(name, true);
  }

  ShutdownTrigger own_trigger;
  ShutdownTrigger* stop = trigger != nullptr ? trigger : &own_trigger;
  SignalWatcher::Get().Register(stop);

  std::fprintf(stderr, "%s: listening on %s:%d\n", options.name.c_str(),
               HostOf(options.listen).c_str(), bound_port);
  std::fflush(stderr);
  if (on_serving) on_serving(bound_port);

  stop->Wait();
  SignalWatcher::Get().Unregister(stop);

  std::fprintf(stderr, "%s: shutting down\n", options.name.c_str());
  std::fflush(stderr);
  // Load balancers probing health stop sending work before the listener closes.
  if (health != nullptr) {
    health->SetServingStatus(false);
    for (const std::string& name : options.service_names) health->SetServingStatus(name, false);
    health->Shutdown();
  }
  server->Shutdown(std::chrono::system_clock::now() +
                   absl::ToChronoMilliseconds(options.shutdown_grace));
  server->Wait();
  server.reset();
  if (before_exit) before_exit();
  return absl::OkStatus();
}

absl::Status RunServer(const ServerOptions& options, const std::vector<grpc::Service*>& services,
                       const std::function<void()>& before_exit) {
  return RunServerUntil(options, services, nullptr, nullptr, before_exit);
}

}  // namespace govreport::server
