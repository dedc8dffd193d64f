# gotrace: build with Go alone; `make generate` needs clang-14 (Debian).
GO ?= go
BIN := bin/gotrace

.PHONY: all build generate check-generated docs test test-unit test-e2e deps lint bench help

all: build

build: ## build bin/gotrace (Go only: the BPF objects and tables are committed)
	$(GO) build -o $(BIN) ./cmd/gotrace

generate: ## rebuild the BPF objects and the generated tables from their committed inputs
	$(GO) generate ./bpf ./internal/syscalltbl ./internal/xlat

check-generated: generate ## fail if the committed generated files differ from a fresh generate
	git diff --exit-code -- bpf internal/syscalltbl internal/xlat

docs: ## write the man page and shell completions (docs/man, docs/completions) from the command's options
	$(GO) run ./gen/docs -dir docs

deps: ## install what the tests need on a fresh Debian machine (gcc, strace)
	./scripts/deps.sh

test: deps ## run every test; the tracing tests need root and skip without it
	$(GO) test ./...

test-unit: ## tests that need no root
	$(GO) test $$($(GO) list ./... | grep -v /test/e2e)

test-e2e: deps ## trace real programs and compare with strace (needs root)
	$(GO) test -count=1 -v ./test/e2e/

lint: ## gofmt and go vet
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

bench: build ## time gotrace against strace, perf trace and bpftrace, write docs/performance.md (root; BENCH_QUICK=1 for a quick check)
	$(GO) run ./bench/cmd/gotrace-bench -install -gotrace $(BIN) $(if $(BENCH_QUICK),-quick)

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'
