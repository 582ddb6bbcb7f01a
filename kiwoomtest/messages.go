package kiwoomtest

import "fmt"

// Envelope return codes the server uses; see the package documentation.
const (
	codeOK         = 0
	codeInput      = 2
	codeAuth       = 3
	codeRateLimit  = 5
	codeService    = 7
	msgOK          = "정상적으로 처리되었습니다"
	summaryInput   = "입력 값 오류입니다"
	summaryAuth    = "인증에 실패했습니다"
	summaryRate    = "허용된 요청 개수를 초과하였습니다"
	summaryService = "서비스를 처리하는 중에 오류가 발생했습니다"
)

// apiErr is one Kiwoom error answer: return_code plus a detail code and message.
type apiErr struct {
	returnCode int
	summary    string
	detail     int
	message    string
}

// msg is the return_msg: "<summary>[<detail>:<message>]".
func (e apiErr) msg() string { return fmt.Sprintf("%s[%d:%s]", e.summary, e.detail, e.message) }

func inputErr(detail int, format string, args ...any) apiErr {
	return apiErr{codeInput, summaryInput, detail, fmt.Sprintf(format, args...)}
}

func authErr(detail int, format string, args ...any) apiErr {
	return apiErr{codeAuth, summaryAuth, detail, fmt.Sprintf(format, args...)}
}

// The documented detail messages ({?} placeholders filled in by the callers).
// They are functions, not variables, so that no caller can change a shared answer.

// errNoAPIID and the following are the fixed answers.
func errNoAPIID() apiErr { return inputErr(1501, "API ID가 Null이거나 값이 없습니다") }

func errNoAuthHeader() apiErr {
	return authErr(1513, "Http Header에 authorization 필드가 설정되어 있어야 합니다")
}

func errBadAuthHeader() apiErr {
	return authErr(1514, "입력으로 들어온 Http Header의 authorization 필드 형식이 맞지 않습니다")
}

func errBadGrantType() apiErr {
	return authErr(1515, "Http Header의 authorization 필드 내 Grant Type이 미리 정의된 형식이 아닙니다")
}

func errNoToken() apiErr {
	return authErr(1516, "Http Header의 authorization 필드 내 Token이 정의되어 있지 않습니다")
}

func errInvalidToken() apiErr { return authErr(8005, "Token이 유효하지 않습니다") }

func errBadKeys() apiErr { return authErr(8001, "App Key와 Secret Key 검증에 실패했습니다") }

func errNoGrantType() apiErr {
	return inputErr(8011, "Access Token을 발급하는데 실패했습니다. 입력값에 grant_type이 들어오지 않았습니다")
}

func errWrongGrant() apiErr {
	return inputErr(8012, "Access Token을 발급하는데 실패했습니다. grant_type의 값이 맞지 않습니다")
}

func errNoRevokeToken() apiErr {
	return inputErr(8016, "Access Token을 폐기하는데 실패했습니다. 입력값에 Token이 들어오지 않았습니다")
}

func errNoKeys() apiErr {
	return inputErr(8020, "입력파라미터로 appkey 또는 secretkey가 들어오지 않았습니다.")
}

func errWrongURI(apiID, uri string) apiErr {
	return inputErr(1504, "해당 URI에서는 지원하는 API ID가 아닙니다. API ID=%s, URI=%s", apiID, uri)
}

func errUnknownAPIID(apiID string) apiErr {
	return inputErr(1505, "해당 API ID는 존재하지 않습니다. API ID=%s", apiID)
}

func errRequired(field string) apiErr {
	return inputErr(1511, "필수 입력 값에 값이 존재하지 않습니다. 필수입력 파라미터=%s", field)
}

func errFormat(field, reason string) apiErr {
	return inputErr(1517, "입력 값 형식이 올바르지 않습니다. 파라미터=%s 실패사유= %s", field, reason)
}

func errRateLimit(apiID string) apiErr {
	return apiErr{codeRateLimit, summaryRate, 1700, "허용된 요청 개수를 초과하였습니다. API ID=" + apiID}
}

func errUnknownStock(code string) apiErr {
	return apiErr{codeService, summaryService, 1902, "종목 정보가 없습니다. 입력한 종목코드 값을 확인바랍니다. 종목코드=" + code}
}

func errUnexpected(reason string) apiErr {
	return apiErr{codeService, summaryService, 1999, "예기치 못한 에러가 발생했습니다. 실패사유=" + reason}
}

func errRevoke(reason string) apiErr {
	return authErr(8015, "Access Token을 폐기하는데 실패했습니다. 실패사유=%s", reason)
}

func errIssue(reason string) apiErr {
	return inputErr(8009, "Access Token을 발급하는데 실패했습니다. 실패사유=%s", reason)
}
