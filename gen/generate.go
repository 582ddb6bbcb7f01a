package gen

//go:generate go run ../cmd/kiwoomgen docs -specs ../specs -o ../docs/TRs.md
