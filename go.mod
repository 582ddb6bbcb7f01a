module github.com/kiwoomgo/kiwoom

go 1.26.8

require (
	github.com/coder/websocket v1.8.15
	github.com/dave/jennifer v1.7.1
	github.com/google/go-cmp v0.7.0
	github.com/jarcoal/httpmock v1.4.2
	golang.org/x/perf v0.0.0-20260908200009-22c9c6c9d4da
	golang.org/x/time v0.16.0
	gopkg.in/yaml.v3 v3.0.1
)

require github.com/aclements/go-moremath v0.0.0-20210112150236-f10218a38794 // indirect
