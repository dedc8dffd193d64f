# gotrace: build with Go alone; `make generate` needs clang-14 (Debian).
GO ?= go
BIN := bin/gotrace

.PHONY: all build generate check-generated check-deploy docs test test-unit test-e2e test-strace-suite deps lint bench help demo

all: build

build: ## build bin/gotrace (Go only: the BPF objects and tables are committed)
	$(GO) build -o $(BIN) ./cmd/gotrace

generate: ## rebuild the BPF objects and the generated tables from their committed inputs
	$(GO) generate ./bpf ./internal/syscalltbl ./internal/xlat

check-generated: generate ## fail if the committed generated files differ from a fresh generate
	git diff --exit-code -- bpf internal/syscalltbl internal/xlat

check-deploy: ## check deploy/*.yaml against the Kubernetes API's types (k8s.io/api, from the Go module proxy)
	cd deploy/check && $(GO) test . && $(GO) run . ../gotrace-daemonset.yaml

docs: ## write the man page and shell completions (docs/man, docs/completions) from the command's options
	$(GO) run ./gen/docs -dir docs

deps: ## install what the tests need on a fresh Debian machine (gcc, strace)
	./scripts/deps.sh

test: deps ## run every test; the tracing tests need root and skip without it
	$(GO) test -timeout 30m ./...

test-unit: ## tests that need no root
	$(GO) test $$($(GO) list ./... | grep -v /test/e2e)

test-e2e: deps ## trace real programs and compare with strace (needs root)
	$(GO) test -count=1 -timeout 30m -v ./test/e2e/

test-strace-suite: build ## strace 6.1's own tests with STRACE=gotrace (root): built once into SUITE_DIR (/var/cache/gotrace/strace-suite); TESTS="a b" runs only those; RATCHET=1 only test/strace-suite/pass.txt; UPDATE=1 adds tests that pass twice to the ratchet
	STRACE_SUITE=1 ./scripts/deps.sh
	./scripts/strace-suite.sh build
	UPDATE=$(UPDATE) SUITE_RATCHET=$(RATCHET) ./scripts/strace-suite.sh run $(TESTS)

lint: ## gofmt and go vet
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

EXAMPLES := $(patsubst examples/%.c,examples/bin/%,$(wildcard examples/*.c))
# the calls that create, change and end tasks
DEMO_CALLS := getpid,fork,vfork,clone,clone3,execve,execveat,unshare,setns,exit,exit_group,wait4,kill

examples/bin/%: examples/%.c
	@mkdir -p examples/bin
	gcc -O0 -pthread -o $@ $<

demo: build $(EXAMPLES) ## run each examples/ program under gotrace (as root): explained trace, then its tree
	@for p in $(filter-out examples/bin/write,$(EXAMPLES)); do \
		echo "==== $$p"; \
		$(BIN) -f --explain --pidns-translation -e trace=$(DEMO_CALLS) -- $$p; \
		$(BIN) tree -- $$p; \
	done
	@echo "==== examples/bin/write (stdout to a pipe: printf's buffer goes out at exit)"
	$(BIN) -e trace=write -- examples/bin/write | cat

bench: build ## time gotrace against strace, perf trace and bpftrace, write docs/performance.md (root; BENCH_QUICK=1 for a quick check)
	$(GO) run ./bench/cmd/gotrace-bench -install -gotrace $(BIN) $(if $(BENCH_QUICK),-quick)

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'
