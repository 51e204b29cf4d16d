// An application that uses the generated package, as a team outside this
// repository would: cmd/dmsgen's TestConsumer copies it to a scratch
// folder, points it at this checkout with replace directives, and checks
// that github.com/dmsgen/dmsgen/generated brings no other module with it.
module example.com/consumer

go 1.24
