// Package golden holds the golden fixtures of the kiwoom package: for every TR
// in catalog.TRs(), the request body the client must send for the
// documented example and a realistic response body in the documented wire
// formats.
//
// Layout (paths as FS returns them):
//
//	<tr-id>/request.json   the exact JSON body the client sends, built from
//	                       the official request example of the TR
//	                       (docs/kiwoom-rest-api.md §2); au10001/au10002 use
//	                       fake keys ("test-app-key", "test-secret-key")
//	<tr-id>/response.json  a realistic response: plausible stocks and
//	                       internally consistent numbers, every field of the
//	                       TR's response table, return_code and return_msg
//
// for example "ka10001/request.json" and "ka10001/response.json". The layout
// is fixed: the kiwoom tests, the local test server and the command line read
// these exact paths. Next to them, <tr-id>/decoded.txt is the snapshot of how
// the response decodes (written by `go test ./kiwoom/catalog -run Snapshot
// -update`); it is read from the directory, not embedded in FS.
//
// Across the set the responses cover every documented value format (docs §4):
// signed prices ("+74800", "-56700"), direction-less prices ("70800"), signed
// integers ("-1200"), the double minus of net flows ("--28837"), "+0" and
// "-0", the empty string for "no value", zero-padded numbers
// ("0000005969782550", "00056700"), the implied-decimal rate of ka10059
// ("+229" = 2.29 %), '|'-joined flags ("증거금20%|담보대출|신용가능"), and
// return_code both as a JSON number (0) and as a numeric string ("0",
// ka10101). The official response examples are not used as such: several are
// placeholders (every row "005930 삼성전자"), ka10001's values are shifted
// against its keys and ka90003's is a copy of ka90005's.
//
// Adding a TR: write golden/<tr-id>/request.json from the official request
// example and golden/<tr-id>/response.json with every response field, let the
// snapshot test write golden/<tr-id>/decoded.txt and read it, then add the
// call through the TR's family package and the expected Go value to
// goldenCases in kiwoom/golden_test.go; TestGolden fails for a catalogued TR
// without fixtures or without a case.
package golden

import (
	"embed"
	"io/fs"
)

//go:embed */*.json
var files embed.FS

// FS returns the fixtures, rooted so that paths read "<tr-id>/request.json"
// and "<tr-id>/response.json" (e.g. "ka10001/response.json").
func FS() fs.FS { return files }
