module github.com/kiwoomgo/kiwoom

go 1.25.0

require (
	github.com/coder/websocket v1.8.15
	github.com/dave/jennifer v1.7.1
	github.com/google/go-cmp v0.7.0
	github.com/jarcoal/httpmock v1.4.2
	golang.org/x/time v0.15.0
	gopkg.in/yaml.v3 v3.0.1
)
