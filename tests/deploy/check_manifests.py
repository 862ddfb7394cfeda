#!/usr/bin/env python3
"""Checks deploy/ against the binaries: every kustomize resource exists, every container command
names a binary the build produces, and every --flag a manifest passes is one that binary accepts
(read from its --helpfull). Catches manifests drifting from the code, without a cluster.

usage: check_manifests.py SOURCE_DIR BIN_DIR
"""
import os
import re
import subprocess
import sys


def fail(msg):
    print(f"check_manifests: {msg}", file=sys.stderr)
    sys.exit(1)


def main():
    src, bindir = sys.argv[1], sys.argv[2]
    deploy = os.path.join(src, "deploy")
    checked = 0
    for root, _, files in os.walk(deploy):
        for name in files:
            path = os.path.join(root, name)
            if name == "kustomization.yaml":
                text = open(path, encoding="utf-8").read()
                block = re.search(r"^resources:\n((?:\s+- .*\n)+)", text, re.M)
                for res in re.findall(r"- (\S+)", block.group(1) if block else ""):
                    if not os.path.exists(os.path.join(root, res)):
                        fail(f"{path}: resource {res} does not exist")
                    checked += 1
            elif name.endswith(".yaml"):
                text = open(path, encoding="utf-8").read()
                for binary in re.findall(r'command: \["/usr/local/bin/([\w-]+)"\]', text):
                    exe = os.path.join(bindir, binary)
                    if not os.access(exe, os.X_OK):
                        fail(f"{path}: command {binary} is not built ({exe})")
                    helptext = subprocess.run([exe, "--helpfull"], capture_output=True,
                                              text=True, timeout=30)
                    known = set(re.findall(r"--([a-z_]+)", helptext.stdout + helptext.stderr))
                    # The args belong to the container that names this binary: take the text up
                    # to the next container/document.
                    start = text.index(f"/usr/local/bin/{binary}")
                    end = text.find("ports:", start)
                    for flag in re.findall(r"--([a-z_]+)=", text[start:end]):
                        if flag not in known:
                            fail(f"{path}: {binary} does not accept --{flag}")
                        checked += 1
    if checked == 0:
        fail("nothing checked: no manifests found")
    print(f"check_manifests: {checked} references checked, all consistent")


if __name__ == "__main__":
    main()
