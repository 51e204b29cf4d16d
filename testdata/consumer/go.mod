// An application that uses the generated package, as a team outside this
// repository would: cmd/dmsgen's TestConsumer copies it to a scratch
// folder, points the replace directive at this checkout, and checks that
// github.com/dmsgen/dmsgen/generated brings no other module with it. The
// relative replace below keeps this copy tidy where it stands.
module example.com/consumer

go 1.24

require github.com/dmsgen/dmsgen/generated v0.0.0

replace github.com/dmsgen/dmsgen/generated => ../../generated
