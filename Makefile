# dmsgen: see README.md. Two commands set up a fresh clone:
#   make generate   regenerate the generated package and its fixtures (dmsgen.yaml)
#   make test       everything CI checks
#
# The repository holds three modules: . (the generator), generated (what
# users import, standard library only) and tools (test tools). Every
# target that runs the go command on packages runs it in each of them.
GO ?= go
MODULES := . generated tools
BIN := $(CURDIR)/bin
FUZZTIME ?= 60s
export DMSGEN_DOCS DMSGEN_DOCS_HISTORY DMSGEN_JSTS DMSGEN_OPENAPI

.PHONY: all generate check test vet fmtcheck lint tidy gotest doccheck fuzz bench dmsgen

all: test

# dmsgen builds the generator once, so that its exit codes reach make
# (go run turns every failure into exit 1).
dmsgen:
	@$(GO) build -o $(BIN)/dmsgen ./cmd/dmsgen

generate: dmsgen
	$(BIN)/dmsgen generate

check: dmsgen
	$(BIN)/dmsgen check

vet:
	@for m in $(MODULES); do echo "go vet ($$m)"; $(GO) -C $$m vet ./... || exit 1; done

fmtcheck:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# staticcheck is a tool of the test-tools module, so that its requirements
# stay out of the generator's and the generated package's go.mod.
lint:
	@$(GO) -C tools build -o $(BIN)/staticcheck honnef.co/go/tools/cmd/staticcheck
	@for m in $(MODULES); do echo "staticcheck ($$m)"; (cd $$m && $(BIN)/staticcheck ./...) || exit 1; done

# testdata/consumer is the module TestConsumer copies; it is kept tidy
# where it stands (its replace points at ../../generated).
tidy:
	@for m in $(MODULES) testdata/consumer; do $(GO) -C $$m mod tidy -diff || { echo "$$m/go.mod is not tidy: run go mod tidy in $$m"; exit 1; }; done

gotest:
	@for m in $(MODULES); do echo "go test ($$m)"; $(GO) -C $$m test ./... || exit 1; done

test: vet fmtcheck lint tidy gotest check
	@if [ -n "$(DMSGEN_DOCS)" ]; then $(MAKE) --no-print-directory doccheck; else echo "DMSGEN_DOCS is not set: skipping doccheck"; fi

# doccheck compares every page of the upstream folder the schema models
# with it and lists the pages it does not model; DMSGEN_DOCS names the
# folder (CI: ../shared/docs).
doccheck: dmsgen
	@test -n "$(DMSGEN_DOCS)" || { echo "set DMSGEN_DOCS to the upstream docs folder"; exit 2; }
	$(BIN)/dmsgen doccheck --docs $(DMSGEN_DOCS) --schema schemas/smartconnect.yaml

fuzz:
	$(GO) -C tools test ./conformance/smartconnect -run='^$$' -fuzz=FuzzEquivalence -fuzztime=$(FUZZTIME)

bench:
	$(GO) -C tools test ./bench -run='^$$' -bench=. -benchmem -count=10
