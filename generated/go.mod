module github.com/dmsgen/dmsgen/generated

go 1.24
