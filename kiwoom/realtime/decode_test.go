package realtime

import (
	"errors"
	"os"
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoom"
)

func readFrame(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeOne(t *testing.T, frame string) Event {
	t.Helper()
	var d Decoder
	evs, err := d.Append(nil, []byte(frame))
	if err != nil {
		t.Fatalf("Append: %v", err)
	}
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	return evs[0]
}

func TestDecodeStockTradeSpecExample(t *testing.T) {
	var d Decoder
	evs, err := d.Append(nil, readFrame(t, "0B.json"))
	if err != nil {
		t.Fatal(err)
	}
	e, ok := evs[0].(*StockTrade)
	if !ok {
		t.Fatalf("event is %T, want *StockTrade", evs[0])
	}
	if e.Item != "005930" || e.Type() != TypeStockTrade {
		t.Errorf("item %q type %q", e.Item, e.Type())
	}
	if e.CurrentPrice != kiwoom.NewPrice(20800, kiwoom.SignMinus) {
		t.Errorf("CurrentPrice = %+v", e.CurrentPrice)
	}
	if e.OpenPrice != kiwoom.NewPrice(20850, kiwoom.SignNone) || e.HighPrice != kiwoom.NewPrice(21150, kiwoom.SignPlus) {
		t.Errorf("Open %+v High %+v", e.OpenPrice, e.HighPrice)
	}
	if e.TradeVolume != kiwoom.NewInt(82) || e.AccumulatedTradeValue != kiwoom.NewInt(632640) {
		t.Errorf("TradeVolume %+v AccumulatedTradeValue %+v", e.TradeVolume, e.AccumulatedTradeValue)
	}
	if e.ChangeRate != kiwoom.NewDecimal(-24, 2) || e.TradeTime != kiwoom.NewTimeOfDay(16, 52, 8) {
		t.Errorf("ChangeRate %+v TradeTime %+v", e.ChangeRate, e.TradeTime)
	}
	if e.TradeValueChange != kiwoom.NewInt(-22041267850) || e.Session != "2" || e.ExchangeCode != "1" {
		t.Errorf("TradeValueChange %+v Session %q ExchangeCode %q", e.TradeValueChange, e.Session, e.ExchangeCode)
	}
	if !e.SellExecutionVolume.IsZero() || e.Extra != nil || e.Err != nil {
		t.Errorf("empty FID not absent, or Extra %v Err %v", e.Extra, e.Err)
	}
}

func TestDecodeOrderBookAllFIDs(t *testing.T) {
	var d Decoder
	evs, err := d.Append(nil, readFrame(t, "0D.json"))
	if err != nil {
		t.Fatal(err)
	}
	e := evs[0].(*StockOrderBook)
	if e.Extra != nil || e.Err != nil {
		t.Fatalf("Extra %v Err %v: every one of the 163 FIDs should be known", e.Extra, e.Err)
	}
	if e.AskPrice1.Amount() != 20800 || e.AskPrice10.Amount() != 21250 || e.BidPrice10.Amount() != 20250 {
		t.Errorf("levels: ask1 %v ask10 %v bid10 %v", e.AskPrice1, e.AskPrice10, e.BidPrice10)
	}
	if e.BidQuantityChange3 != kiwoom.NewInt(3) || e.BidRatio != kiwoom.NewDecimal(11451, 2) {
		t.Errorf("BidQuantityChange3 %v BidRatio %v", e.BidQuantityChange3, e.BidRatio)
	}
}

func TestDecodeLeniency(t *testing.T) {
	// Leading spaces (SPEC 0A, 0m), an unknown FID, several elements, numeric return code absent.
	var d Decoder
	frame := `{"trnm":"REAL","data":[` +
		`{"type":"0A","item":"005930","values":{"18":" 67300","99999":"x","10":"+1"}},` +
		`{"item":"57JBHH","values":{"10":" 450","674":"0.000000"},"type":"0m"}]}`
	evs, err := d.Append(nil, []byte(frame))
	if err != nil {
		t.Fatal(err)
	}
	a := evs[0].(*StockQuoteChange)
	if a.LowPrice != kiwoom.NewPrice(67300, kiwoom.SignNone) || a.Extra["99999"] != "x" || a.Err != nil {
		t.Errorf("0A: LowPrice %+v Extra %v Err %v", a.LowPrice, a.Extra, a.Err)
	}
	m := evs[1].(*ELWTheoreticalPrice)
	if m.CurrentPrice.Amount() != 450 || m.Item != "57JBHH" || m.ELWTheta != kiwoom.NewDecimal(0, 6) {
		t.Errorf("0m: %+v", m)
	}
}

func TestDecodeBadValueKeepsEvent(t *testing.T) {
	ev := decodeOne(t, `{"trnm":"REAL","data":[{"type":"0B","item":"005930","values":{"10":"12a","13":"5"}}]}`)
	e := ev.(*StockTrade)
	var fe *FieldError
	if !errors.As(e.Err, &fe) || fe.FID != "10" || fe.Field != "CurrentPrice" || fe.Type != TypeStockTrade {
		t.Fatalf("Err = %v, want a FieldError naming FID 10 CurrentPrice", e.Err)
	}
	var ve *kiwoom.ValueError
	if !errors.As(e.Err, &ve) {
		t.Errorf("Err does not wrap a *kiwoom.ValueError: %v", e.Err)
	}
	if e.Extra["10"] != "12a" || e.AccumulatedVolume != kiwoom.NewInt(5) || !e.CurrentPrice.IsZero() {
		t.Errorf("raw value not kept or other FIDs lost: %+v", e)
	}
}

func TestDecodeIndexAndUnknownType(t *testing.T) {
	ev := decodeOne(t, `{"trnm":"REAL","data":[{"type":"0J","item":"001","values":{"10":"-1762.61","11":"-189.51","17":"+1961.28"}}]}`)
	j := ev.(*SectorIndex)
	if j.CurrentPrice.Sign != kiwoom.SignMinus || j.CurrentPrice.Points != kiwoom.NewDecimal(176261, 2) {
		t.Errorf("CurrentPrice %+v", j.CurrentPrice)
	}
	if j.Change != kiwoom.NewDecimal(-18951, 2) || j.HighPrice.String() != "+1961.28" {
		t.Errorf("Change %v High %v", j.Change, j.HighPrice)
	}
	u := decodeOne(t, `{"trnm":"REAL","data":[{"type":"9Z","item":"X","values":{"1":"a"}}]}`).(*Unknown)
	if u.Type() != "9Z" || u.Extra["1"] != "a" {
		t.Errorf("unknown: %+v", u)
	}
}

func TestDecodeMalformed(t *testing.T) {
	for _, frame := range []string{
		``, `{`, `{"trnm":"REAL","data":[{"type":"0B","values":{"10":"1"}]}`, `{"trnm":"REAL","data":[{"type":"0B","values":{"10":1x}}]}`,
		`{"trnm":"REAL"}`, `{"trnm":"REAL","data":[{"values":{}}]}`, `{"trnm":"REAL","data":[]} x`, `[1]`,
		"{\"trnm\":\"REAL\",\"data\":[{\"type\":\"0B\",\"item\":\"a\x01\"}]}",
	} {
		var d Decoder
		if _, err := d.Append(nil, []byte(frame)); err == nil {
			t.Errorf("%q: no error", frame)
		}
	}
	var d Decoder
	_, err := d.Append(nil, []byte(`{"trnm":"REAL","data":[{"type":"0B","values":{"10":1x}}]}`))
	if !errors.Is(err, ErrMalformedFrame) {
		t.Errorf("err %v is not ErrMalformedFrame", err)
	}
}

func TestEnvelopeReturnCodeForms(t *testing.T) {
	for _, c := range []struct {
		frame string
		code  int
	}{
		{`{"trnm":"LOGIN","return_code":0,"return_msg":""}`, 0},
		{`{"return_code":"0000","trnm":"LOGIN"}`, 0},
		{`{"trnm":"LOGIN","return_code":805004,"return_msg":"x"}`, 805004},
		{`{"trnm":"REG","return_code":"1"}`, 1},
	} {
		var env envelope
		if err := parseEnvelope([]byte(c.frame), &env); err != nil || env.returnCode != c.code || !env.hasCode {
			t.Errorf("%s: code %d has %v err %v", c.frame, env.returnCode, env.hasCode, err)
		}
	}
	var env envelope
	if err := parseEnvelope([]byte(`{"trnm":"REG","return_code":"abc"}`), &env); err == nil {
		t.Error("non-numeric return_code accepted")
	}
}

func TestDecodeAllocations(t *testing.T) {
	for _, name := range []string{"0B.json", "0D.json"} {
		frame := readFrame(t, name)
		var d Decoder
		buf := make([]Event, 0, 4)
		buf, _ = d.Append(buf[:0], frame) // warm the intern table
		allocs := testing.AllocsPerRun(100, func() {
			buf, _ = d.Append(buf[:0], frame)
		})
		if allocs > 1 {
			t.Errorf("%s: %.1f allocations per frame, want at most 1", name, allocs)
		}
	}
}
