# Every target needs only Go. `make help` lists them.
GO ?= go

.PHONY: help generate test race vet lint bench ci

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

generate: ## regenerate kiwoom/**/*_gen.go and docs/TRs.md from specs/
	$(GO) generate ./...

test: ## run every test (the README's test command)
	$(GO) test ./...

race: ## run every test with the race detector
	$(GO) test -race ./...

vet: ## go vet and gofmt
	$(GO) vet ./...
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

lint: ## kiwoomgen lint over specs/
	$(GO) run ./cmd/kiwoomgen lint -specs specs

bench: ## decode benchmarks with allocations (compare runs with benchstat)
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./kiwoom/ | tee bench.out

ci: ## what CI runs
	bash .ci/run
