# dmsgen: see README.md. Two commands set up a fresh clone:
#   make generate   regenerate generated/ and testdata/fixtures/ from schemas/
#   make test       everything CI checks
GO ?= go
DMSGEN_DOCS ?= $(shell printenv DMSGEN_DOCS)
FUZZTIME ?= 60s

.PHONY: all generate check test vet fmtcheck lint doccheck fuzz bench

all: test

generate:
	$(GO) run ./cmd/dmsgen

check:
	$(GO) run ./cmd/dmsgen check

vet:
	$(GO) vet ./...

fmtcheck:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

lint:
	$(GO) tool staticcheck ./...

test: vet fmtcheck lint
	$(GO) test ./...
	$(MAKE) check
	@if [ -n "$(DMSGEN_DOCS)" ]; then $(MAKE) doccheck; else echo "DMSGEN_DOCS is not set: skipping doccheck"; fi

# doccheck compares the documentation page with the schema; DMSGEN_DOCS
# names the folder of the upstream pages (CI: ../shared/docs).
doccheck:
	@test -n "$(DMSGEN_DOCS)" || { echo "set DMSGEN_DOCS to the upstream docs folder"; exit 2; }
	$(GO) run ./cmd/dmsgen doccheck --doc $(DMSGEN_DOCS)/smart_connect/creating_a_smart_connect_task.rst

fuzz:
	$(GO) test ./generated/smartconnect -run='^$$' -fuzz=FuzzEquivalence -fuzztime=$(FUZZTIME)

bench:
	$(GO) test ./generated/smartconnect/bench -run='^$$' -bench=. -benchmem -count=10
