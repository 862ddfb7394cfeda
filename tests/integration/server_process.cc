#include "tests/integration/server_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace govreport::testing {

namespace {

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string FindListeningAddress(absl::string_view log, absl::string_view name) {
  const std::string marker = absl::StrCat(name, ": listening on ");
  const size_t at = log.find(marker);
  if (at == absl::string_view::npos) return "";
  const size_t begin = at + marker.size();
  const size_t end = log.find('\n', begin);
  if (end == absl::string_view::npos) return "";  // line not complete yet
  std::string address(log.substr(begin, end - begin));
  while (!address.empty() && (address.back() == '\r' || address.back() == ' ')) {
    address.pop_back();
  }
  return address;
}

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const std::string& name, const std::string& binary, const std::vector<std::string>& args,
    const std::string& log_path, absl::Duration startup_timeout) {
  const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    return absl::InternalError(absl::StrCat("cannot open ", log_path, ": ", strerror(errno)));
  }
  // Everything the child needs is prepared before fork: only async-signal-safe calls after it.
  std::vector<std::string> argv_storage = {binary};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  const off_t log_start = lseek(log_fd, 0, SEEK_END);
  const pid_t pid = fork();
  if (pid < 0) {
    close(log_fd);
    return absl::InternalError(absl::StrCat("fork: ", strerror(errno)));
  }
  if (pid == 0) {
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    execv(binary.c_str(), argv.data());
    const char message[] = "exec failed\n";
    (void)!write(STDERR_FILENO, message, sizeof(message) - 1);
    _exit(127);
  }
  close(log_fd);
  std::unique_ptr<ServerProcess> process(new ServerProcess(name, pid, log_path));

  const absl::Time give_up = absl::Now() + startup_timeout;
  while (true) {
    const std::string log = ReadWholeFile(log_path);
    const std::string address =
        FindListeningAddress(absl::string_view(log).substr(std::min<size_t>(log_start, log.size())),
                             name);
    if (!address.empty()) {
      process->address_ = address;
      return process;
    }
    int wait_status = 0;
    if (process->WaitFor(absl::ZeroDuration(), &wait_status)) {
      return absl::UnavailableError(absl::StrCat(name, " exited (status ", wait_status,
                                                 ") before listening; log:\n",
                                                 process->LogTail()));
    }
    if (absl::Now() > give_up) {
      process->Kill();
      return absl::DeadlineExceededError(absl::StrCat(name, " did not listen within ",
                                                      absl::FormatDuration(startup_timeout),
                                                      "; log:\n", process->LogTail()));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
}

ServerProcess::~ServerProcess() { Kill(); }

bool ServerProcess::WaitFor(absl::Duration timeout, int* wait_status) {
  if (pid_ <= 0) return true;
  const absl::Time give_up = absl::Now() + timeout;
  while (true) {
    const pid_t done = waitpid(pid_, wait_status, WNOHANG);
    if (done == pid_ || (done < 0 && errno == ECHILD)) {
      pid_ = -1;
      return true;
    }
    if (absl::Now() >= give_up) return false;
    absl::SleepFor(absl::Milliseconds(10));
  }
}

absl::StatusOr<int> ServerProcess::Stop(absl::Duration grace) {
  if (pid_ <= 0) return absl::FailedPreconditionError(absl::StrCat(name_, " is not running"));
  kill(pid_, SIGTERM);
  int wait_status = 0;
  if (WaitFor(grace, &wait_status)) return wait_status;
  Kill();
  return absl::DeadlineExceededError(
      absl::StrCat(name_, " did not exit within ", absl::FormatDuration(grace),
                   " of SIGTERM and was killed"));
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int wait_status = 0;
  waitpid(pid_, &wait_status, 0);
  pid_ = -1;
}

std::string ServerProcess::LogTail(size_t max_bytes) const {
  const std::string log = ReadWholeFile(log_path_);
  return log.size() <= max_bytes ? log : log.substr(log.size() - max_bytes);
}

absl::StatusOr<int> PickFreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::InternalError(absl::StrCat("socket: ", strerror(errno)));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t length = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
    close(fd);
    return absl::InternalError(absl::StrCat("bind: ", strerror(errno)));
  }
  close(fd);
  return ntohs(addr.sin_port);
}

std::string MakeTempDir(absl::string_view prefix) {
  std::string base = ::testing::TempDir();
  if (!base.empty() && base.back() != '/') base += '/';
  std::string pattern = absl::StrCat(base, prefix, "XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) return "";
  return pattern;
}

}  // namespace govreport::testing
