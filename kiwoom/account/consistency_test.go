package account_test

import (
	"io/fs"
	"testing"

	"github.com/kiwoomgo/kiwoom/golden"
	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/account"
)

// The local server answers the account TRs from golden/, and users test their
// bookkeeping against those answers: the holdings of kt00018 must add up to its
// totals, kt00004 must describe the same holdings, and the deposit must be the same
// in kt00001, kt00004 and kt00005. These tests decode the golden responses the way a
// client does and fail on a fixture that does not add up.

func decodeGolden(t *testing.T, id string, resp kiwoom.Response) {
	t.Helper()
	body, err := fs.ReadFile(golden.FS(), id+"/response.json")
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	if err := kiwoom.Decode(body, resp); err != nil {
		t.Fatalf("%s: decode: %v", id, err)
	}
}

// val returns a present Int's value and fails the test for an absent one.
func val(t *testing.T, what string, v kiwoom.Int) int64 {
	t.Helper()
	n, ok := v.Int64()
	if !ok {
		t.Fatalf("%s: no value", what)
	}
	return n
}

// rate is num/den × 100 in hundredths, rounded half away from zero, the way
// Kiwoom formats a two-decimal percentage.
func rate(num, den int64) int64 {
	if den == 0 {
		return 0
	}
	x := num * 10000 * 2 / den
	if x >= 0 {
		return (x + 1) / 2
	}
	return (x - 1) / 2
}

// hundredths returns a two-decimal Decimal in hundredths.
func hundredths(t *testing.T, what string, d kiwoom.Decimal) int64 {
	t.Helper()
	if !d.Present {
		t.Fatalf("%s: no value", what)
	}
	u := d.Units
	for s := d.Scale; s < 2; s++ {
		u *= 10
	}
	for s := d.Scale; s > 2; s-- {
		u /= 10
	}
	return u
}

func TestGoldenEvaluationBalanceAddsUp(t *testing.T) {
	var r account.EvaluationBalanceResponse
	decodeGolden(t, "kt00018", &r)
	if len(r.Rows) == 0 {
		t.Fatal("kt00018: no holdings")
	}
	var pur, evlt, prft int64
	for _, row := range r.Rows {
		qty := val(t, row.StockCode+" rmnd_qty", row.HoldingQuantity)
		purAmt := val(t, row.StockCode+" pur_amt", row.PurchaseAmount)
		evltAmt := val(t, row.StockCode+" evlt_amt", row.EvaluationAmount)
		pf := val(t, row.StockCode+" evltv_prft", row.EvaluationProfit)
		cmsn := val(t, row.StockCode+" sum_cmsn", row.CommissionSum)
		tax := val(t, row.StockCode+" tax", row.Tax)
		if got, want := purAmt, row.PurchasePrice.Amount()*qty; got != want {
			t.Errorf("kt00018 %s: pur_amt %d, want pur_pric × rmnd_qty = %d", row.StockCode, got, want)
		}
		if got, want := evltAmt, row.CurrentPrice.Amount()*qty; got != want {
			t.Errorf("kt00018 %s: evlt_amt %d, want cur_prc × rmnd_qty = %d", row.StockCode, got, want)
		}
		if got, want := cmsn, val(t, "pur_cmsn", row.PurchaseCommission)+val(t, "sell_cmsn", row.EvaluationCommission); got != want {
			t.Errorf("kt00018 %s: sum_cmsn %d, want pur_cmsn + sell_cmsn = %d", row.StockCode, got, want)
		}
		if got, want := pf, evltAmt-purAmt-cmsn-tax; got != want {
			t.Errorf("kt00018 %s: evltv_prft %d, want evlt_amt − pur_amt − sum_cmsn − tax = %d", row.StockCode, got, want)
		}
		if got, want := hundredths(t, "prft_rt", row.ProfitRate), rate(pf, purAmt); got != want {
			t.Errorf("kt00018 %s: prft_rt %d/100 %%, want evltv_prft / pur_amt = %d/100 %%", row.StockCode, got, want)
		}
		pur += purAmt
		evlt += evltAmt
		prft += pf
	}
	if got := val(t, "tot_pur_amt", r.TotalPurchaseAmount); got != pur {
		t.Errorf("kt00018: tot_pur_amt %d, want the sum of the rows' pur_amt %d", got, pur)
	}
	if got := val(t, "tot_evlt_amt", r.TotalEvaluationAmount); got != evlt {
		t.Errorf("kt00018: tot_evlt_amt %d, want the sum of the rows' evlt_amt %d", got, evlt)
	}
	if got := val(t, "tot_evlt_pl", r.TotalEvaluationProfitLoss); got != prft {
		t.Errorf("kt00018: tot_evlt_pl %d, want the sum of the rows' evltv_prft %d", got, prft)
	}
	if got, want := hundredths(t, "tot_prft_rt", r.TotalProfitRate), rate(prft, pur); got != want {
		t.Errorf("kt00018: tot_prft_rt %d/100 %%, want tot_evlt_pl / tot_pur_amt = %d/100 %%", got, want)
	}
}

func TestGoldenEvaluationStatusAddsUp(t *testing.T) {
	var r account.EvaluationStatusResponse
	decodeGolden(t, "kt00004", &r)
	var pur, evlt int64
	for _, row := range r.Rows {
		purAmt := val(t, row.StockCode+" pur_amt", row.PurchaseAmount)
		evltAmt := val(t, row.StockCode+" evlt_amt", row.EvaluationAmount)
		if got, want := purAmt, row.AveragePrice.Amount()*val(t, "rmnd_qty", row.HoldingQuantity); got != want {
			t.Errorf("kt00004 %s: pur_amt %d, want avg_prc × rmnd_qty = %d", row.StockCode, got, want)
		}
		if got, want := val(t, row.StockCode+" pl_amt", row.ProfitLossAmount), evltAmt-purAmt; got != want {
			t.Errorf("kt00004 %s: pl_amt %d, want evlt_amt − pur_amt = %d", row.StockCode, got, want)
		}
		pur += purAmt
		evlt += evltAmt
	}
	if got := val(t, "tot_pur_amt", r.TotalPurchaseAmount); got != pur {
		t.Errorf("kt00004: tot_pur_amt %d, want the sum of the rows' pur_amt %d", got, pur)
	}
	if got := val(t, "tot_est_amt", r.TotalEvaluationAmount); got != evlt {
		t.Errorf("kt00004: tot_est_amt %d, want the sum of the rows' evlt_amt %d", got, evlt)
	}
	d2 := val(t, "d2_entra", r.D2EstimatedDeposit)
	if got := val(t, "prsm_dpst_aset_amt", r.EstimatedDepositAssetAmount); got != d2+evlt {
		t.Errorf("kt00004: prsm_dpst_aset_amt %d, want d2_entra + tot_est_amt = %d", got, d2+evlt)
	}
}

// TestGoldenAccountTRsAgree: kt00004 describes kt00018's holdings (its evlt_amt is
// net of the selling cost, kt00018's gross), and the deposit is the same in kt00001,
// kt00004 and kt00005.
func TestGoldenAccountTRsAgree(t *testing.T) {
	var bal account.EvaluationBalanceResponse
	var st account.EvaluationStatusResponse
	var dep account.DepositDetailResponse
	var ex account.ExecutionBalanceResponse
	var est account.EstimatedAssetsResponse
	decodeGolden(t, "kt00018", &bal)
	decodeGolden(t, "kt00004", &st)
	decodeGolden(t, "kt00001", &dep)
	decodeGolden(t, "kt00005", &ex)
	decodeGolden(t, "kt00003", &est)

	if a, b := val(t, "kt00004 tot_pur_amt", st.TotalPurchaseAmount), val(t, "kt00018 tot_pur_amt", bal.TotalPurchaseAmount); a != b {
		t.Errorf("tot_pur_amt: kt00004 %d, kt00018 %d", a, b)
	}
	if a, b := val(t, "kt00004 prsm_dpst_aset_amt", st.EstimatedDepositAssetAmount), val(t, "kt00018 prsm_dpst_aset_amt", bal.EstimatedDepositAssetAmount); a != b {
		t.Errorf("prsm_dpst_aset_amt: kt00004 %d, kt00018 %d", a, b)
	}
	if a, b := val(t, "kt00003 prsm_dpst_aset_amt", est.EstimatedDepositAssetAmount), val(t, "kt00018 prsm_dpst_aset_amt", bal.EstimatedDepositAssetAmount); a != b {
		t.Errorf("prsm_dpst_aset_amt: kt00003 %d, kt00018 %d", a, b)
	}
	if len(st.Rows) != len(bal.Rows) {
		t.Fatalf("kt00004 has %d holdings, kt00018 %d", len(st.Rows), len(bal.Rows))
	}
	byCode := map[string]account.EvaluationBalanceRow{}
	for _, row := range bal.Rows {
		byCode[row.StockCode] = row
	}
	var gross, net int64
	for _, s := range st.Rows {
		b, ok := byCode[s.StockCode]
		if !ok {
			t.Errorf("kt00004 holds %s, kt00018 does not", s.StockCode)
			continue
		}
		if a, c := val(t, "kt00004 rmnd_qty", s.HoldingQuantity), val(t, "kt00018 rmnd_qty", b.HoldingQuantity); a != c {
			t.Errorf("%s rmnd_qty: kt00004 %d, kt00018 %d", s.StockCode, a, c)
		}
		if a, c := val(t, "kt00004 pur_amt", s.PurchaseAmount), val(t, "kt00018 pur_amt", b.PurchaseAmount); a != c {
			t.Errorf("%s pur_amt: kt00004 %d, kt00018 %d", s.StockCode, a, c)
		}
		if s.CurrentPrice.Amount() != b.CurrentPrice.Amount() {
			t.Errorf("%s cur_prc: kt00004 %d, kt00018 %d", s.StockCode, s.CurrentPrice.Amount(), b.CurrentPrice.Amount())
		}
		g := val(t, "kt00018 evlt_amt", b.EvaluationAmount)
		cost := val(t, "kt00018 sell_cmsn", b.EvaluationCommission) + val(t, "kt00018 tax", b.Tax)
		if a := val(t, "kt00004 evlt_amt", s.EvaluationAmount); a != g-cost {
			t.Errorf("%s evlt_amt: kt00004 %d, want kt00018 evlt_amt − sell_cmsn − tax = %d", s.StockCode, a, g-cost)
		}
		gross += g
		net += g - cost
	}
	if got := val(t, "kt00018 tot_evlt_amt", bal.TotalEvaluationAmount); got != gross {
		t.Errorf("kt00018 tot_evlt_amt %d, want %d", got, gross)
	}
	if got := val(t, "kt00004 tot_est_amt", st.TotalEvaluationAmount); got != net {
		t.Errorf("kt00004 tot_est_amt %d, want kt00018's evaluation net of selling cost %d", got, net)
	}

	entr := val(t, "kt00001 entr", dep.Deposit)
	if got := val(t, "kt00004 entr", st.Deposit); got != entr {
		t.Errorf("entr: kt00004 %d, kt00001 %d", got, entr)
	}
	if got := val(t, "kt00005 entr", ex.Deposit); got != entr {
		t.Errorf("entr: kt00005 %d, kt00001 %d", got, entr)
	}
	if a, b := val(t, "kt00005 stk_buy_tot_amt", ex.StockBuyTotalAmount), val(t, "kt00004 tot_pur_amt", st.TotalPurchaseAmount); a != b {
		t.Errorf("purchase total: kt00005 stk_buy_tot_amt %d, kt00004 tot_pur_amt %d", a, b)
	}
	if a, b := val(t, "kt00005 evlt_amt_tot", ex.EvaluationAmountTotal), val(t, "kt00004 tot_est_amt", st.TotalEvaluationAmount); a != b {
		t.Errorf("evaluation: kt00005 evlt_amt_tot %d, kt00004 tot_est_amt %d", a, b)
	}
}
