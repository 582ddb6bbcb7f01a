// Package kiwoomtest runs a local server that speaks the Kiwoom REST protocol, for
// developing and testing programs offline, much as net/http/httptest does for
// plain HTTP.
//
// The server is driven by the generated catalogue (package
// github.com/kiwoomgo/kiwoom/kiwoom/catalog, catalog.TRs) and by fixtures: a
// file system laid out as <api-id>/response.json (and optionally
// <api-id>/request.json), the repository's golden/ directory by default. It
// uses only the catalogue's data (paths, kinds, paging, field tables), never a
// TR's Go types, so it serves every TR the catalogue describes, whichever family
// package generates it. It issues and revokes tokens, dispatches on the api-id
// header, validates request bodies against each TR's field table, serves
// fixture responses in pages with cont-yn / next-key, limits the request rate
// per app key, and can inject faults.
//
// Answers follow what Kiwoom is documented or observed to send: business errors
// come back as HTTP 200 with a non-zero return_code and a return_msg of the form
// "<summary>[<detail code>:<detail message>]". The return codes used are:
//
//	0  success ("정상적으로 처리되었습니다")
//	2  input error, summary "입력 값 오류입니다": 1501 (no api-id), 1504 (api-id not
//	   served at that URI), 1505 (unknown api-id), 1511 (required field missing),
//	   1517 (bad value: not in the enum set, not a YYYYMMDD date, too long, not a
//	   string, bad next-key), and the token endpoint's 8011, 8012, 8016, 8020
//	3  authentication failure, summary "인증에 실패했습니다": 1513, 1514, 1515, 1516
//	   (authorization header missing or malformed), 8001 (wrong app key or secret
//	   key), 8005 (token unknown, revoked or expired), 8015 (revoke of an unknown token)
//	5  rate limit, "허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다. API ID=…]"
//	7  service error, summary "서비스를 처리하는 중에 오류가 발생했습니다": 1902 (unknown
//	   stock code), 1999 (no fixture for the TR)
//
// Kiwoom publishes no table of return codes: 3 and 5 are observed live; 2 for input
// errors ("입력 값 오류입니다[1511:…]") and 7 for an unknown stock code are observed by
// third-party clients; using 2 for the token endpoint's input errors and 7 for a
// missing fixture is this package's choice.
//
// Request fields that are not in the TR's field table are ignored, as a lenient
// server does (Kiwoom's behaviour is not documented); WithStrictFields rejects
// them with 1517 instead.
package kiwoomtest
