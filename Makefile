# dmsgen: see README.md. Two commands set up a fresh clone:
#   make generate   regenerate generated/ and testdata/fixtures/ from schemas/
#   make test       everything CI checks
GO ?= go
DMSGEN_DOCS ?=
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

fuzz:
	$(GO) test ./generated/smartconnect/... -run='^$$' -fuzz=FuzzEquivalence -fuzztime=$(FUZZTIME)

bench:
	$(GO) test ./generated/smartconnect/bench -run='^$$' -bench=. -benchmem -count=10
