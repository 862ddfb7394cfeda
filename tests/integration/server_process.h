#ifndef GOVREPORT_TESTS_INTEGRATION_SERVER_PROCESS_H_
#define GOVREPORT_TESTS_INTEGRATION_SERVER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace govreport::testing {

// One real server binary running as a child process, as in production: its own address space,
// its own data directory, stopped by signals. Its stdout and stderr go to a log file that tests
// print when they fail.
class ServerProcess {
 public:
  // Starts `binary` with `args` (argv[1..]) and waits until it logs
  // "<name>: listening on HOST:PORT" on stderr. `name` is the binary's program name as it logs
  // it ("govreport-query"). Errors: INTERNAL when fork/exec fails; UNAVAILABLE with the log's
  // tail when the process exits before listening; DEADLINE_EXCEEDED (process killed) when it
  // does not listen within `startup_timeout`.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      const std::string& name, const std::string& binary, const std::vector<std::string>& args,
      const std::string& log_path, absl::Duration startup_timeout = absl::Seconds(60));

  // Kills (SIGKILL) and reaps the process if it is still running.
  ~ServerProcess();

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // "HOST:PORT" from the listening line.
  const std::string& address() const { return address_; }
  pid_t pid() const { return pid_; }
  const std::string& name() const { return name_; }
  bool running() const { return pid_ > 0; }

  // Sends SIGTERM and waits up to `grace` for the process to exit, then SIGKILLs it. Returns the
  // raw wait status (use WIFEXITED/WEXITSTATUS). Errors: FAILED_PRECONDITION when not running;
  // DEADLINE_EXCEEDED when it had to be killed.
  absl::StatusOr<int> Stop(absl::Duration grace = absl::Seconds(30));

  // SIGKILL now (a crash, as far as the process can tell) and reap it.
  void Kill();

  // Last `max_bytes` of the log, for failure messages.
  std::string LogTail(size_t max_bytes = 4000) const;

 private:
  ServerProcess(std::string name, pid_t pid, std::string log_path)
      : name_(std::move(name)), pid_(pid), log_path_(std::move(log_path)) {}

  // Waits for the child up to `timeout`; true (and status stored) when it exited.
  bool WaitFor(absl::Duration timeout, int* wait_status);

  std::string name_;
  pid_t pid_;
  std::string log_path_;
  std::string address_;
};

// Parses "<name>: listening on HOST:PORT" out of a log; "" when absent.
std::string FindListeningAddress(absl::string_view log, absl::string_view name);

// A port on 127.0.0.1 that was free a moment ago (bound to port 0, then released), for a
// server that must be started later at an address already given to another process.
absl::StatusOr<int> PickFreePort();

// A fresh directory under the test's temporary directory.
std::string MakeTempDir(absl::string_view prefix);

}  // namespace govreport::testing

#endif  // GOVREPORT_TESTS_INTEGRATION_SERVER_PROCESS_H_
