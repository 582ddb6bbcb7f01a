package kiwoom

// EnvelopeOf returns the Envelope (return_code, return_msg and Meta) of any
// response, for programs that handle TRs chosen at run time.
func EnvelopeOf(r Response) *Envelope { return r.envelope() }
