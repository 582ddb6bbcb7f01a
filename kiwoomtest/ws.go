package kiwoomtest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/realtime"
)

// realtimePath is the WebSocket path of domestic realtime and condition search.
const realtimePath = realtime.Path

// Realtime is the WebSocket side of the local server (Handler.Realtime): LOGIN
// with the handler's own tokens, PINGs on a schedule, REG/REMOVE with acks,
// synthetic pushes of every realtime type, condition search over fixture
// conditions, and faults. It is safe for concurrent use.
type Realtime struct {
	h     *Handler
	types map[realtime.Type]realtime.TypeInfo

	mu         sync.Mutex
	sessions   map[*wsSession]bool
	rate       time.Duration
	pingEvery  time.Duration
	maxMissed  int
	stallUntil time.Time
	received   map[string]int
	logins     int
	conds      []wsCondition
	pageSize   int
	stocks     map[string]*wsStock
	rng        *rand.Rand
}

// wsCondition is a fixture condition: its seq, name and matching codes.
type wsCondition struct {
	seq, name string
	codes     []string
}

// realtimeState is the Handler's lazily built Realtime.
type realtimeState struct {
	once sync.Once
	rt   *Realtime
}

// Realtime returns the handler's WebSocket side (built on first use).
func (h *Handler) Realtime() *Realtime {
	h.rt.once.Do(func() {
		rt := &Realtime{h: h, types: map[realtime.Type]realtime.TypeInfo{}, sessions: map[*wsSession]bool{},
			rate: 50 * time.Millisecond, maxMissed: 5, received: map[string]int{}, pageSize: 10,
			stocks: map[string]*wsStock{}, rng: rand.New(rand.NewPCG(1, 2))}
		for _, t := range realtime.Types() {
			rt.types[t.Type] = t
		}
		var many []string
		for i := range 25 {
			many = append(many, fmt.Sprintf("A%06d", 100000+i*10))
		}
		rt.conds = []wsCondition{
			{"0", "급등주", []string{"A005930", "A000660"}},
			{"1", "거래량상위", []string{"A035720"}},
			{"2", "신고가", many},
		}
		h.rt.rt = rt
	})
	return h.rt.rt
}

// SetPushInterval sets how often each registration gets a push (50 ms by
// default); 0 stops periodic pushes (use Blast).
func (rt *Realtime) SetPushInterval(d time.Duration) {
	rt.mu.Lock()
	rt.rate = d
	rt.mu.Unlock()
}

// SetPing makes the server send {"trnm":"PING"} every d (0, the default, sends
// none) and close a session with SYSTEM R10002 after maxMissed unanswered PINGs.
func (rt *Realtime) SetPing(d time.Duration, maxMissed int) {
	rt.mu.Lock()
	rt.pingEvery, rt.maxMissed = d, maxMissed
	rt.mu.Unlock()
}

// SetConditionPageSize sets how many rows one CNSRREQ (search_type 0) page holds (10).
func (rt *Realtime) SetConditionPageSize(n int) {
	rt.mu.Lock()
	rt.pageSize = max(n, 1)
	rt.mu.Unlock()
}

// Sessions returns how many sessions are logged in.
func (rt *Realtime) Sessions() int {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	n := 0
	for s := range rt.sessions {
		if s.loggedIn() {
			n++
		}
	}
	return n
}

// Logins returns how many LOGINs succeeded.
func (rt *Realtime) Logins() int {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return rt.logins
}

// Received returns how many client messages with the trnm arrived (PING counts echoes).
func (rt *Realtime) Received(trnm string) int {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return rt.received[trnm]
}

// Registered returns the "type/item" pairs registered on all sessions, sorted.
func (rt *Realtime) Registered() []string {
	var out []string
	for _, s := range rt.all() {
		s.mu.Lock()
		for k := range s.regs {
			out = append(out, string(k.typ)+"/"+k.item)
		}
		s.mu.Unlock()
	}
	slices.Sort(out)
	return out
}

func (rt *Realtime) all() []*wsSession {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	out := make([]*wsSession, 0, len(rt.sessions))
	for s := range rt.sessions {
		out = append(out, s)
	}
	return out
}

// Drop closes every session abruptly, without a close frame (a lost connection).
func (rt *Realtime) Drop() {
	for _, s := range rt.all() {
		s.conn.CloseNow()
	}
}

// SessionTaken sends SYSTEM R10001 to every session and closes it, as Kiwoom does
// when the same app key logs in elsewhere.
func (rt *Realtime) SessionTaken() {
	for _, s := range rt.all() {
		s.kick()
	}
}

// SendRaw sends frame as it is to every logged-in session (malformed frames,
// unknown trnm values, SYSTEM notices).
func (rt *Realtime) SendRaw(frame string) {
	for _, s := range rt.all() {
		if s.loggedIn() {
			s.write([]byte(frame))
		}
	}
}

// Stall makes the server send nothing (no pushes, no PINGs, no answers) for d.
func (rt *Realtime) Stall(d time.Duration) {
	rt.mu.Lock()
	rt.stallUntil = time.Now().Add(d)
	rt.mu.Unlock()
}

func (rt *Realtime) stalled() bool {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return time.Now().Before(rt.stallUntil)
}

// RejectTokens revokes every token issued so far, so that the next LOGIN with
// one of them fails as an invalid token does; tokens issued later work.
func (rt *Realtime) RejectTokens() {
	rt.h.mu.Lock()
	for _, t := range rt.h.tokens {
		t.revoked = true
	}
	rt.h.mu.Unlock()
}

// Blast sends n 0B-style pushes of type typ for item to every session that
// registered it, as fast as the connection takes them, and returns how many
// frames were sent. The values are built once per 64 frames.
func (rt *Realtime) Blast(ctx context.Context, typ realtime.Type, item string, n int) int {
	sent := 0
	for _, s := range rt.all() {
		if !s.wants(typ, item) {
			continue
		}
		var frame []byte
		for i := range n {
			if i%64 == 0 {
				frame = rt.frame(typ, item, item)
			}
			if err := s.conn.Write(ctx, websocket.MessageText, frame); err != nil {
				return sent
			}
			sent++
		}
	}
	return sent
}

// stock returns the market state of code, creating it.
func (rt *Realtime) stock(code string) *wsStock {
	if code == "" {
		code = "005930"
	}
	s := rt.stocks[code]
	if s == nil {
		s = newWSStock(code, rt.rng)
		rt.stocks[code] = s
	}
	return s
}

// frame builds one REAL frame for typ, registered as reg and pushed as item.
func (rt *Realtime) frame(typ realtime.Type, reg, item string) []byte {
	info := rt.types[typ]
	rt.mu.Lock()
	st := rt.stock(item)
	st.step(rt.rng)
	vals := st.values(info, time.Now(), rt.rng)
	rt.mu.Unlock()
	// data before trnm, as Kiwoom often sends it.
	b, _ := json.Marshal(struct {
		Data []wsElem `json:"data"`
		Trnm string   `json:"trnm"`
	}{[]wsElem{{Type: string(typ), Name: info.PushedName, Item: item, Values: vals}}, "REAL"})
	return b
}

type wsElem struct {
	Type   string            `json:"type"`
	Name   string            `json:"name"`
	Item   string            `json:"item"`
	Values map[string]string `json:"values"`
}

// serve accepts one WebSocket connection (no auth header: LOGIN is in-band).
func (rt *Realtime) serve(w http.ResponseWriter, r *http.Request) {
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	conn.SetReadLimit(1 << 20)
	s := &wsSession{rt: rt, conn: conn, regs: map[wsKey]bool{}, watch: map[string]bool{}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rt.mu.Lock()
	rt.sessions[s] = true
	rt.mu.Unlock()
	defer func() {
		rt.mu.Lock()
		delete(rt.sessions, s)
		rt.mu.Unlock()
		conn.CloseNow()
	}()
	go s.ticker(ctx)
	go func() { // Server.Close does not track hijacked connections: end them here
		select {
		case <-rt.h.done:
			conn.CloseNow()
		case <-ctx.Done():
		}
	}()
	s.readLoop(ctx)
}

type wsKey struct {
	typ  realtime.Type
	item string
}

// wsSession is one client connection.
type wsSession struct {
	rt   *Realtime
	conn *websocket.Conn

	mu      sync.Mutex
	appKey  string
	login   bool
	listed  bool
	missed  int
	regs    map[wsKey]bool
	watch   map[string]bool // realtime conditions by seq
	writeMu sync.Mutex
}

func (s *wsSession) loggedIn() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.login
}

func (s *wsSession) wants(typ realtime.Type, item string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.regs[wsKey{typ, item}] || s.regs[wsKey{typ, ""}]
}

func (s *wsSession) write(b []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.conn.Write(ctx, websocket.MessageText, b)
}

func (s *wsSession) send(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.write(b)
}

func (s *wsSession) kick() {
	s.send(map[string]string{"trnm": "SYSTEM", "code": "R10001", "message": "동일한 App key로 접속이 되었습니다. 기존 세션은 종료가 됩니다"})
	s.conn.Close(websocket.StatusNormalClosure, "")
}

type wsRequest struct {
	Trnm       string `json:"trnm"`
	Token      string `json:"token"`
	GrpNo      string `json:"grp_no"`
	Refresh    string `json:"refresh"`
	Seq        string `json:"seq"`
	SearchType string `json:"search_type"`
	StexTp     string `json:"stex_tp"`
	ContYN     string `json:"cont_yn"`
	NextKey    string `json:"next_key"`
	Data       []struct {
		Item []string `json:"item"`
		Type []string `json:"type"`
	} `json:"data"`
}

func (s *wsSession) readLoop(ctx context.Context) {
	for {
		_, b, err := s.conn.Read(ctx)
		if err != nil {
			return
		}
		var req wsRequest
		if err := json.Unmarshal(b, &req); err != nil {
			s.send(map[string]any{"trnm": "SYSTEM", "code": "R10003", "message": "잘못된 요청입니다"})
			continue
		}
		rt := s.rt
		rt.mu.Lock()
		rt.received[req.Trnm]++
		rt.mu.Unlock()
		for rt.stalled() {
			time.Sleep(5 * time.Millisecond)
		}
		if !s.loggedIn() && req.Trnm != "LOGIN" {
			// Kiwoom requires LOGIN first; anything else closes the session.
			s.send(map[string]any{"trnm": req.Trnm, "return_code": 1, "return_msg": "로그인이 필요합니다"})
			return
		}
		switch req.Trnm {
		case "LOGIN":
			if !s.handleLogin(req.Token) {
				return
			}
		case "PING":
			s.mu.Lock()
			s.missed = 0
			s.mu.Unlock()
		case "REG", "REMOVE":
			s.handleReg(&req)
		case "CNSRLST":
			s.handleList()
		case "CNSRREQ":
			s.handleSearch(&req)
		case "CNSRCLR":
			s.mu.Lock()
			delete(s.watch, strings.TrimSpace(req.Seq))
			s.mu.Unlock()
			s.send(map[string]any{"trnm": "CNSRCLR", "seq": req.Seq, "return_code": 0, "return_msg": ""})
		default:
			s.send(map[string]any{"trnm": req.Trnm, "return_code": 1, "return_msg": "알 수 없는 서비스명입니다"})
		}
	}
}

func (s *wsSession) handleLogin(tok string) bool {
	h := s.rt.h
	h.mu.Lock()
	t := h.tokens[tok]
	valid := tok != "" && t != nil && !t.revoked && h.cfg.now().Before(t.expires)
	appKey := ""
	if t != nil {
		appKey = t.appKey
	}
	h.mu.Unlock()
	if !valid {
		s.send(map[string]any{"trnm": "LOGIN", "return_code": 805004,
			"return_msg": "토큰 인증에 실패했습니다 [CODE=8005, MESSAGE=Token이 유효하지 않습니다]"})
		return false
	}
	// One session per app key: the older one is told R10001 and closed.
	for _, o := range s.rt.all() {
		if o == s {
			continue
		}
		o.mu.Lock()
		same := o.login && o.appKey == appKey
		o.mu.Unlock()
		if same {
			o.kick()
		}
	}
	s.mu.Lock()
	s.login, s.appKey = true, appKey
	s.mu.Unlock()
	s.rt.mu.Lock()
	s.rt.logins++
	s.rt.mu.Unlock()
	s.send(map[string]any{"trnm": "LOGIN", "return_code": 0, "return_msg": "", "sor_yn": "Y"})
	return true
}

func (s *wsSession) handleReg(req *wsRequest) {
	fail := func(msg string) {
		s.send(map[string]any{"trnm": req.Trnm, "return_code": 1, "return_msg": msg})
	}
	if req.GrpNo == "" || len(req.GrpNo) > 4 {
		fail("grp_no 가 올바르지 않습니다")
		return
	}
	for _, d := range req.Data {
		for _, t := range d.Type {
			if _, ok := s.rt.types[realtime.Type(t)]; !ok || t == string(realtime.TypeConditionHit) {
				fail("등록할 수 없는 실시간 항목입니다: " + t)
				return
			}
		}
	}
	s.mu.Lock()
	if req.Trnm == "REG" && req.Refresh == "0" {
		clear(s.regs)
	}
	for _, d := range req.Data {
		for _, t := range d.Type {
			for _, it := range d.Item {
				k := wsKey{realtime.Type(t), it}
				if req.Trnm == "REG" {
					s.regs[k] = true
				} else {
					delete(s.regs, k)
				}
			}
		}
	}
	s.mu.Unlock()
	s.send(map[string]any{"trnm": req.Trnm, "return_code": 0, "return_msg": ""})
}

func (s *wsSession) handleList() {
	s.mu.Lock()
	s.listed = true
	s.mu.Unlock()
	s.rt.mu.Lock()
	var data [][]string
	for _, c := range s.rt.conds {
		data = append(data, []string{c.seq, c.name})
	}
	s.rt.mu.Unlock()
	s.send(map[string]any{"trnm": "CNSRLST", "return_code": 0, "return_msg": "", "data": data})
}

func (s *wsSession) handleSearch(req *wsRequest) {
	s.mu.Lock()
	listed := s.listed
	s.mu.Unlock()
	if !listed {
		return // Kiwoom stays silent on CNSRREQ without a CNSRLST first
	}
	seq := strings.TrimSpace(req.Seq)
	rt := s.rt
	rt.mu.Lock()
	i := slices.IndexFunc(rt.conds, func(c wsCondition) bool { return c.seq == seq })
	var cond wsCondition
	if i >= 0 {
		cond = rt.conds[i]
	}
	pageSize := rt.pageSize
	rt.mu.Unlock()
	if i < 0 {
		s.send(map[string]any{"trnm": "CNSRREQ", "seq": req.Seq, "return_code": 1, "return_msg": "조건검색식이 존재하지 않습니다"})
		return
	}
	padded := fmt.Sprintf("%-3s", seq) // Kiwoom pads seq with spaces
	if req.SearchType == "1" {
		s.mu.Lock()
		s.watch[seq] = true
		s.mu.Unlock()
		var data []map[string]string
		for _, c := range cond.codes {
			data = append(data, map[string]string{"jmcode": c})
		}
		s.send(map[string]any{"trnm": "CNSRREQ", "seq": padded, "return_code": 0, "return_msg": "", "data": data})
		return
	}
	start := 0
	if req.ContYN == "Y" {
		fmt.Sscanf(req.NextKey, "%d", &start)
	}
	end := min(start+pageSize, len(cond.codes))
	start = min(start, end)
	var rows []map[string]string
	rt.mu.Lock()
	for _, code := range cond.codes[start:end] {
		st := rt.stock(code[1:])
		rows = append(rows, map[string]string{
			"9001": code, "302": st.name, "10": pad9(st.price), "25": st.changeSign(),
			"11": pad9(st.price - st.prevClose), "12": pad9((st.price - st.prevClose) * 10000 / st.prevClose),
			"13": pad9(st.volume), "16": pad9(st.open), "17": pad9(st.high), "18": pad9(st.low),
		})
	}
	rt.mu.Unlock()
	contYN, next := "N", ""
	if end < len(cond.codes) {
		contYN, next = "Y", fmt.Sprint(end)
	}
	s.send(map[string]any{"trnm": "CNSRREQ", "seq": padded, "cont_yn": contYN, "next_key": next,
		"return_code": 0, "return_msg": "", "data": rows})
}

// pad9 formats v as Kiwoom's zero-padded signed 9-digit numbers ("-00000100").
func pad9(v int64) string {
	if v < 0 {
		return fmt.Sprintf("-%08d", -v)
	}
	return fmt.Sprintf("%09d", v)
}

// ticker sends pushes and PINGs on the session's schedule.
func (s *wsSession) ticker(ctx context.Context) {
	lastPing := time.Now()
	for {
		s.rt.mu.Lock()
		rate, pingEvery, maxMissed := s.rt.rate, s.rt.pingEvery, s.rt.maxMissed
		s.rt.mu.Unlock()
		wait := rate
		if wait <= 0 {
			wait = 20 * time.Millisecond
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		if !s.loggedIn() || s.rt.stalled() {
			continue
		}
		if pingEvery > 0 && time.Since(lastPing) >= pingEvery {
			lastPing = time.Now()
			s.mu.Lock()
			s.missed++
			missed := s.missed
			s.mu.Unlock()
			if missed > maxMissed {
				s.send(map[string]string{"trnm": "SYSTEM", "code": "R10002",
					"message": "사용자 프로그램으로부터 Heartbeat(연결유지) 메시지가 오지않아서 접속을 종료합니다"})
				s.conn.Close(websocket.StatusNormalClosure, "")
				return
			}
			if s.write([]byte(`{"trnm":"PING"}`)) != nil {
				return
			}
		}
		if rate <= 0 {
			continue
		}
		if s.pushAll() != nil {
			return
		}
	}
}

// pushAll sends one push per registration and condition events for watched conditions.
func (s *wsSession) pushAll() error {
	s.mu.Lock()
	keys := make([]wsKey, 0, len(s.regs))
	for k := range s.regs {
		keys = append(keys, k)
	}
	var watched []string
	for seq := range s.watch {
		watched = append(watched, seq)
	}
	s.mu.Unlock()
	slices.SortFunc(keys, func(a, b wsKey) int { return strings.Compare(string(a.typ)+a.item, string(b.typ)+b.item) })
	for _, k := range keys {
		item := k.item
		info := s.rt.types[k.typ]
		if item == "" && info.Item != "market" {
			item = "005930" // 00, 04 and 1h are registered with "" but pushed with a stock code
		}
		if err := s.write(s.rt.frame(k.typ, k.item, item)); err != nil {
			return err
		}
	}
	slices.Sort(watched)
	for _, seq := range watched {
		s.rt.mu.Lock()
		code := fmt.Sprintf("%06d", s.rt.rng.IntN(1000000))
		action := "I"
		if s.rt.rng.IntN(2) == 0 {
			action = "D"
		}
		s.rt.mu.Unlock()
		b, _ := json.Marshal(struct {
			Trnm string   `json:"trnm"`
			Data []wsElem `json:"data"`
		}{"REAL", []wsElem{{Type: "02", Name: "조건검색", Item: code, Values: map[string]string{
			"841": seq, "9001": code, "843": action, "20": time.Now().In(kiwoom.KST()).Format("150405"), "907": "2"}}}})
		if err := s.write(b); err != nil {
			return err
		}
	}
	return nil
}
