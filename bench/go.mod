module github.com/kiwoomgo/kiwoom/bench

go 1.25.0

require github.com/kiwoomgo/kiwoom v0.0.0-00010101000000-000000000000

require (
	github.com/goccy/go-json v0.10.5
	golang.org/x/time v0.15.0 // indirect
)

replace github.com/kiwoomgo/kiwoom => ../
