package kiwoomtest

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/realtime"
)

// wsStock is the synthetic market state of one item. Prices walk in ticks
// around the previous close; signs follow the previous close.
type wsStock struct {
	code, name       string
	prevClose, price int64
	open, high, low  int64
	volume, value    int64 // 누적거래량 (주), 누적거래대금 (원)
	lastTrade        int64 // signed: + buyer-initiated
}

// tickSize is the KRX price unit for a price (2023 rules).
func tickSize(p int64) int64 {
	switch {
	case p < 2000:
		return 1
	case p < 5000:
		return 5
	case p < 20000:
		return 10
	case p < 50000:
		return 50
	case p < 200000:
		return 100
	case p < 500000:
		return 500
	}
	return 1000
}

func newWSStock(code string, rng *rand.Rand) *wsStock {
	base := int64(10000 + rng.IntN(90000))
	base -= base % tickSize(base)
	return &wsStock{code: code, name: "종목" + code, prevClose: base, price: base, open: base, high: base, low: base}
}

// step moves the price by -2..+2 ticks within ±30 % of the previous close and
// records one trade.
func (s *wsStock) step(rng *rand.Rand) {
	move := int64(rng.IntN(5) - 2)
	p := s.price + move*tickSize(s.price)
	if p > s.prevClose*13/10 || p < s.prevClose*7/10 || p <= 0 {
		p = s.price
	}
	s.price = p
	s.high, s.low = max(s.high, p), min(s.low, p)
	q := int64(1 + rng.IntN(500))
	if rng.IntN(2) == 0 {
		q = -q
	}
	s.lastTrade = q
	s.volume += abs(q)
	s.value += abs(q) * p
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// signed formats a price with its direction against the previous close.
func (s *wsStock) signed(p int64) string {
	switch {
	case p > s.prevClose:
		return "+" + strconv.FormatInt(p, 10)
	case p < s.prevClose:
		return "-" + strconv.FormatInt(p, 10)
	}
	return strconv.FormatInt(p, 10)
}

func (s *wsStock) changeSign() string {
	switch {
	case s.price >= s.prevClose*13/10:
		return "1"
	case s.price > s.prevClose:
		return "2"
	case s.price <= s.prevClose*7/10:
		return "4"
	case s.price < s.prevClose:
		return "5"
	}
	return "3"
}

func signedInt(v int64) string {
	if v > 0 {
		return "+" + strconv.FormatInt(v, 10)
	}
	return strconv.FormatInt(v, 10)
}

// rate formats v/base*100 with two decimals and a sign.
func rate(v, base int64) string {
	if base == 0 {
		return "0.00"
	}
	bp := v * 10000 / base // hundredths of a percent
	sign := ""
	switch {
	case bp > 0:
		sign = "+"
	case bp < 0:
		sign, bp = "-", -bp
	}
	return sign + strconv.FormatInt(bp/100, 10) + "." + twoDigits(bp%100)
}

func twoDigits(v int64) string {
	if v < 10 {
		return "0" + strconv.FormatInt(v, 10)
	}
	return strconv.FormatInt(v, 10)
}

// values builds the FID values of one push of type t for stock s at now. Every
// FID of the type gets a value that hangs together with the others: the order
// book is ordered (asks rise from the best ask, bids fall from the best bid),
// price signs follow the previous close, and index types carry two decimals.
func (s *wsStock) values(t realtime.TypeInfo, now time.Time, rng *rand.Rand) map[string]string {
	hhmmss := now.In(kiwoom.KST()).Format("150405")
	tick := tickSize(s.price)
	bestAsk, bestBid := s.price+tick, s.price
	v := make(map[string]string, len(t.FIDs))
	index := t.Item == "sector"
	for _, f := range t.FIDs {
		fid := f.FID
		var out string
		switch {
		case fid >= 41 && fid <= 50:
			out = s.signed(bestAsk + int64(fid-41)*tick)
		case fid >= 51 && fid <= 60:
			out = s.signed(max(bestBid-int64(fid-51)*tick, tick))
		case fid >= 61 && fid <= 80:
			out = strconv.Itoa(100 + rng.IntN(5000))
		case fid >= 81 && fid <= 100:
			out = signedInt(int64(rng.IntN(201) - 100))
		}
		if out == "" {
			switch fid {
			case 10:
				out = s.signed(s.price)
			case 11:
				out = signedInt(s.price - s.prevClose)
			case 12:
				out = rate(s.price-s.prevClose, s.prevClose)
			case 13:
				out = strconv.FormatInt(s.volume, 10)
			case 14:
				out = strconv.FormatInt(s.value/1_000_000, 10)
			case 15:
				out = signedInt(s.lastTrade)
			case 16:
				out = s.signed(s.open)
			case 17:
				out = s.signed(s.high)
			case 18:
				out = s.signed(s.low)
			case 20, 21, 908, 1223:
				out = hhmmss
			case 25:
				out = s.changeSign()
			case 27:
				out = s.signed(bestAsk)
			case 28:
				out = s.signed(bestBid)
			case 302:
				out = s.name
			case 305:
				out = "+" + strconv.FormatInt(s.prevClose*13/10, 10)
			case 306:
				out = "-" + strconv.FormatInt(s.prevClose*7/10, 10)
			case 307:
				out = strconv.FormatInt(s.prevClose, 10)
			case 9001:
				out = s.code
			case 290:
				out = "2"
			case 215:
				out = "3"
			}
		}
		if out == "" {
			out = defaultValue(f, hhmmss, rng)
		}
		if index && (fid == 10 || fid == 16 || fid == 17 || fid == 18) {
			out = out + "." + twoDigits(int64(rng.IntN(100)))
		}
		if index && fid == 11 {
			out = out + ".00"
		}
		v[strconv.Itoa(fid)] = out
	}
	return v
}

func defaultValue(f realtime.FIDInfo, hhmmss string, rng *rand.Rand) string {
	switch f.Type {
	case realtime.ValueTime:
		return hhmmss
	case realtime.ValueDate:
		return "00000000"
	case realtime.ValueDecimal:
		return strconv.Itoa(rng.IntN(100)) + "." + twoDigits(int64(rng.IntN(100)))
	case realtime.ValueIndex:
		return "+" + strconv.Itoa(1000+rng.IntN(2000)) + "." + twoDigits(int64(rng.IntN(100)))
	case realtime.ValueInt, realtime.ValuePadded, realtime.ValuePrice:
		return strconv.Itoa(rng.IntN(1000))
	case realtime.ValueCode:
		return "1"
	}
	return ""
}
