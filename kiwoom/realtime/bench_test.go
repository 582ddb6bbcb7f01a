package realtime

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// mapStockTrade is the approach of decoding into map[string]string and
// converting the used fields with strconv, for comparison.
type mapStockTrade struct {
	Item                          string
	Price, Change, Volume, AccVol int64
	Rate                          float64
	Time                          string
}

type mapFrame struct {
	Trnm string `json:"trnm"`
	Data []struct {
		Type   string            `json:"type"`
		Item   string            `json:"item"`
		Values map[string]string `json:"values"`
	} `json:"data"`
}

func decodeWithMap(frame []byte, fids []string) (int, error) {
	var f mapFrame
	if err := json.Unmarshal(frame, &f); err != nil {
		return 0, err
	}
	n := 0
	for _, d := range f.Data {
		for _, k := range fids {
			v := strings.TrimLeft(strings.TrimSpace(d.Values[k]), "+-")
			if v == "" {
				continue
			}
			if strings.Contains(v, ".") {
				if _, err := strconv.ParseFloat(v, 64); err != nil {
					return 0, err
				}
			} else if _, err := strconv.ParseInt(v, 10, 64); err != nil {
				return 0, err
			}
			n++
		}
	}
	return n, nil
}

// usedFIDs lists the numeric FIDs of a frame (the baseline converts all of them,
// as the typed decoder does).
func usedFIDs(b *testing.B, frame []byte) []string {
	var f mapFrame
	if err := json.Unmarshal(frame, &f); err != nil {
		b.Fatal(err)
	}
	var out []string
	for k, v := range f.Data[0].Values {
		if _, err := strconv.ParseFloat(strings.TrimLeft(v, "+-"), 64); err == nil {
			out = append(out, k)
		}
	}
	return out
}

func benchDecode(b *testing.B, name string) {
	frame := readFrame(b, name)
	b.Run("typed", func(b *testing.B) {
		var d Decoder
		buf := make([]Event, 0, 4)
		b.SetBytes(int64(len(frame)))
		b.ReportAllocs()
		for b.Loop() {
			var err error
			buf, err = d.Append(buf[:0], frame)
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("map+strconv", func(b *testing.B) {
		fids := usedFIDs(b, frame)
		b.SetBytes(int64(len(frame)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeWithMap(frame, fids); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkDecode0B(b *testing.B) { benchDecode(b, "0B.json") }
func BenchmarkDecode0D(b *testing.B) { benchDecode(b, "0D.json") }
