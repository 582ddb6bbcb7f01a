package kiwoomtest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// TestPythonSample sends exactly what the documentation's Python sample for
// ka10001 (fn_ka10001 in kiwoom-docs-excerpt.txt) sends, with its host pointed at
// the local server, and checks that the answer is well formed: HTTP 200, the
// api-id, cont-yn and next-key headers the sample prints, and a JSON body with
// return_code 0 and the TR's fields.
func TestPythonSample(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	token, _ := srv.NewToken()

	// requests.post(url, headers=headers, json=data) with data = {'stk_cd': '005930'}:
	// requests serialises json= with json.dumps, i.e. {"stk_cd": "005930"}.
	body := []byte(`{"stk_cd": "005930"}`)
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/dostk/stkinfo", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	req.Header.Set("authorization", "Bearer "+token)
	req.Header.Set("cont-yn", "N")
	req.Header.Set("next-key", "")
	req.Header.Set("api-id", "ka10001")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}

	// print('Code:', response.status_code)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("Code: %d", resp.StatusCode)
	}
	// print('Header:', {key: response.headers.get(key) for key in ['next-key', 'cont-yn', 'api-id']})
	for key, want := range map[string]string{"next-key": "", "cont-yn": "N", "api-id": "ka10001"} {
		got, ok := resp.Header[http.CanonicalHeaderKey(key)]
		if !ok || len(got) != 1 || got[0] != want {
			t.Errorf("Header %s = %q (present %v), want %q", key, got, ok, want)
		}
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json;charset=UTF-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	// print('Body:', json.dumps(response.json(), ...)); the keys keep the fixture's order.
	if !bytes.HasPrefix(raw, []byte(`{"stk_cd":"005930","stk_nm":`)) {
		t.Errorf("body does not start with stk_cd, stk_nm: %.80s", raw)
	}
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("Body is not JSON: %v\n%s", err, raw)
	}
	if got["return_code"] != float64(0) || got["return_msg"] != "정상적으로 처리되었습니다" {
		t.Errorf("envelope: return_code %v return_msg %v", got["return_code"], got["return_msg"])
	}
	if got["stk_cd"] != "005930" || got["stk_nm"] == nil || got["cur_prc"] == nil {
		t.Errorf("body lacks ka10001 fields: %s", raw)
	}
	// Every documented response field is present and a string.
	for _, name := range []string{"stk_cd", "stk_nm", "setl_mm", "fav", "cap", "flo_stk", "cur_prc", "pre_sig", "pred_pre", "flu_rt", "trde_qty", "dstr_rt"} {
		if _, ok := got[name].(string); !ok {
			t.Errorf("field %s = %#v, want a string", name, got[name])
		}
	}
}
