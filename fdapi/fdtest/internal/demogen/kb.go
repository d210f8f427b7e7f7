package main

import (
	"strings"
	"time"
)

// article is one knowledge-base article before rendering; body uses the same
// light markup as messages ("- " lists, blank-line paragraphs).
type article struct {
	folder, title, body string
	tags                []string
}

type folderSpec struct{ key, cat, name, desc string }

type catSpec struct{ key, name, desc, lang string }

func kbCategories() []catSpec {
	return []catSpec{
		{"start", "Getting Started", "First steps with Acme Cloud", "en"},
		{"api", "API & Integrations", "API keys, rate limits, webhooks and status codes", "en"},
		{"account", "Account, Billing & Security", "Plans, invoices, refunds, passwords and SSO", "en"},
		{"ko", "한국어 도움말", "Acme Cloud 한국어 도움말 센터", "ko"},
		{"ja", "日本語ヘルプ", "Acme Cloud 日本語ヘルプセンター", "ja"},
		{"de", "Hilfe auf Deutsch", "Acme Cloud Hilfe-Center auf Deutsch", "de"},
	}
}

func kbFolders() []folderSpec {
	return []folderSpec{
		{"start", "start", "Getting started", "Set up your workspace and team"},
		{"apifaq", "api", "API and webhooks FAQ", "Frequently asked questions about the REST API and webhooks"},
		{"billing", "account", "Billing and plans", "Invoices, refunds and plan changes"},
		{"security", "account", "Security and sign-in", "Passwords, 2FA and single sign-on"},
		{"data", "account", "Data and exports", "Exporting and deleting your data"},
		{"ko-api", "ko", "API 및 웹훅 FAQ", "API와 웹훅 자주 묻는 질문"},
		{"ko-account", "ko", "계정 및 결제", "비밀번호, SSO, 결제와 환불"},
		{"ja-api", "ja", "API・Webhook FAQ", "APIとWebhookのよくある質問"},
		{"apitrouble", "api", "Troubleshooting connectivity", "502 and timeout errors, keepalive settings and region migrations"},
		{"de-api", "de", "API und Integrationen", "Häufige Fragen zur API und zu Verbindungsfehlern"},
	}
}

func kbArticles() []article {
	return []article{
		{"apifaq", "Where can I find my API key?", "Your API key identifies you when you call the Acme Cloud REST API.\n\nTo find it:\n\n- Sign in to the console.\n- Click your avatar in the top right corner and choose Profile settings.\n- Click \"View API key\" and confirm with your password or 2FA code.\n\nUse the key as the username of HTTP Basic authentication, with any password (for example X): Authorization: Basic base64(\"YOUR_API_KEY:X\").\n\nThe key has the same permissions as your user. Never share it in tickets, chats or public repositories. If it leaks, click \"Reset API key\": the old key stops working immediately. For integrations, create a dedicated integration user so the key doesn't depend on one employee.", []string{"api", "api key", "authentication"}},
		{"apifaq", "Webhooks and how they count against your rate limit", "Webhooks let Acme Cloud push events (ticket created, payment failed, deployment finished...) to your HTTPS endpoint.\n\nHow webhooks interact with rate limits:\n\n- Sending a webhook does not count against your API rate limit.\n- Calls your endpoint makes back into the API after receiving a webhook do count, like any other API call.\n- Webhook deliveries have their own limit of 1,000 per minute per account; events above that are queued, not dropped.\n\nDelivery: your endpoint must answer with a 2xx status within 10 seconds. Otherwise the delivery is retried with exponential backoff for 24 hours. Respond first and process asynchronously, and use the event ID to ignore duplicates.\n\nEvery delivery is signed with HMAC-SHA256 of the raw body in the X-Acme-Signature header.", []string{"api", "webhooks", "rate limit"}},
		{"apifaq", "API rate limits per plan", "The API limits the number of requests per minute for your whole account. All API keys and integrations of the account share the limit.\n\n- Trial: 50 requests per minute\n- Growth: 200 requests per minute\n- Pro: 400 requests per minute\n- Enterprise: 700 requests per minute\n\nSome endpoints have lower sub-limits: listing tickets and contacts is limited to a fraction of the total.\n\nEvery response includes the headers X-RateLimit-Total, X-RateLimit-Remaining and X-RateLimit-Used-CurrentRequest. When the limit is exceeded the API answers 429 Too Many Requests with a Retry-After header (in seconds). Wait that long before retrying. Requests that embed related data (include=...) cost extra credits.", []string{"api", "rate limit", "plans"}},
		{"apifaq", "API status codes and what they mean", "The API uses standard HTTP status codes:\n\n- 400 Bad Request: a parameter is invalid or unknown; the response lists each field error.\n- 401 Unauthorized: the API key is missing or wrong.\n- 403 Forbidden: your user may not perform this action, or the account is suspended.\n- 404 Not Found: the resource doesn't exist (the body is empty).\n- 405 Method Not Allowed: this endpoint doesn't support the HTTP method.\n- 406 Not Acceptable: the Accept header must allow application/json.\n- 409 Conflict: a resource with the same unique value exists, e.g. a contact e-mail.\n- 415 Unsupported Media Type: send Content-Type: application/json.\n- 429 Too Many Requests: rate limit reached; see Retry-After.\n- 500 Internal Server Error: something failed on our side; retry later and contact support with the X-Request-Id.", []string{"api", "errors", "status codes"}},
		{"apifaq", "Satisfaction surveys via the API", "Customer satisfaction (CSAT) ratings can be read through the API.\n\n- GET /api/v2/surveys/satisfaction_ratings lists all ratings; filter by date with created_since.\n- GET /api/v2/tickets/{id}/satisfaction_ratings lists the ratings of one ticket.\n\nEach rating contains the ticket, the customer, the agent and group, the optional feedback text, and the answer to each survey question (on a 3-point scale: 103 happy, 100 neutral, -103 unhappy).\n\nReading ratings costs one API credit per call. For a nightly BI import use per_page=100.", []string{"api", "csat", "surveys"}},
		{"apifaq", "Paginating API results", "List endpoints return 30 items by default and up to 100 with per_page=100. Use the page parameter to move through the results. When more results exist, the response has a Link header with rel=\"next\"; stop when it's absent.\n\nSearch endpoints return at most 10 pages of 30 results.", []string{"api", "pagination"}},
		{"billing", "Refund policy", "We want you to be happy with Acme Cloud.\n\n- Monthly plans: cancel any time; the current month is not refunded.\n- Annual plans: full refund within 30 days of purchase. After 30 days, removing seats or downgrading gives a pro-rata credit on your account.\n- Duplicate or erroneous charges are always refunded in full to the original payment method within 5-10 business days.\n\nTo request a refund, open a ticket with the Billing team and include the invoice number.", []string{"billing", "refund"}},
		{"billing", "Changing your plan", "Go to Billing → Plan to upgrade or downgrade. Upgrades take effect immediately and the difference is charged pro rata for the rest of the cycle. Downgrades take effect at the next renewal. API rate limits change with the plan.", []string{"billing", "plans"}},
		{"billing", "Invoices and tax documents", "Invoices are sent by e-mail to the billing contact and are available under Billing → Invoices. To change the invoice address, company name or VAT ID, update Billing → Details; future invoices use the new details and we can reissue the current one on request. Korean customers can request a tax invoice (세금계산서).", []string{"billing", "invoices"}},
		{"billing", "What happens when a payment fails", "If a payment fails we retry it 3 times over 14 days and e-mail the billing contact each time. Your account stays fully active during this period. Update the card under Billing → Payment methods and click Retry payment. After 14 days without payment the account becomes read-only.", []string{"billing", "payment"}},
		{"security", "How to reset your password", "- On the sign-in page click \"Forgot password\".\n- Enter your work e-mail address.\n- Open the link in the e-mail within 15 minutes and choose a new password.\n\nOnly the most recent reset link works. Resetting your password signs you out of all sessions. If your account uses SSO, reset the password with your identity provider instead.", []string{"password", "login"}},
		{"security", "Setting up SAML single sign-on (SSO)", "SSO is available on Pro and Enterprise.\n\n- Go to Settings → Security → SSO and download the SP metadata.\n- Create a SAML application in your identity provider using that metadata. The SP Entity ID is the full metadata URL including your account slug.\n- Paste your IdP metadata URL (or upload its signing certificate) in Acme Cloud.\n- Test the login with a second browser before enforcing SSO.\n\nCommon errors: \"Invalid audience\" (wrong SP Entity ID), \"Signature validation failed\" (outdated IdP certificate), \"User not found\" (NameID must be the user's e-mail).", []string{"sso", "saml", "security"}},
		{"security", "Two-factor authentication (2FA)", "Enable 2FA under Profile settings → Security. Store the recovery codes safely. If you lose your device, an account admin can reset 2FA for other users; if you are the only admin, contact support from your registered e-mail address.", []string{"2fa", "security"}},
		{"data", "Exporting your data", "Go to Settings → Data → Export. Choose the data set (projects, usage, users, audit log), the date range and the format (CSV or JSON). The export runs in the background; a download link valid for 7 days is e-mailed to you.\n\nFor Excel, choose \"Excel compatible (UTF-8 BOM)\" under Advanced options so that non-Latin characters (Korean, Japanese...) display correctly. Self-service exports cover the last 12 months; contact support for older data.", []string{"export", "data", "csv"}},
		{"data", "Deleting personal data (GDPR)", "Under Settings → Data → Personal data you can search for a person by e-mail, export everything stored about them (Art. 15 GDPR) and delete it permanently (Art. 17 GDPR). Deletions are logged in the audit log.", []string{"gdpr", "privacy", "data"}},
		{"start", "Inviting your team", "Go to Settings → Team → Invite. Invitations expire after 7 days; admins can resend them from the pending list. If invitations don't arrive, ask your IT team to allow e-mail from acmecloud.example.com.", []string{"team", "onboarding"}},
		{"start", "Creating your first project", "Click New project, pick a region close to your users and a name. Each project has its own API keys for machine access, storage buckets and compute instances.", []string{"onboarding", "projects"}},
		{"ko-api", "API 키는 어디에서 확인하나요?", "콘솔에 로그인한 뒤 오른쪽 위의 프로필 아이콘 → 프로필 설정 → \"API 키 보기\"를 클릭하세요. 비밀번호 또는 2단계 인증 코드로 확인 후 키가 표시됩니다.\n\nAPI 키는 HTTP Basic 인증의 사용자 이름으로 사용하고, 비밀번호는 아무 값(예: X)이나 입력합니다.\n\nAPI 키가 유출되었다면 \"API 키 재발급\"을 눌러 주세요. 기존 키는 즉시 사용할 수 없게 됩니다.", []string{"api", "api 키"}},
		{"ko-api", "플랜별 API 요청 한도", "API 요청 한도는 계정 전체 기준 분당 요청 수입니다.\n\n- Trial: 분당 50회\n- Growth: 분당 200회\n- Pro: 분당 400회\n- Enterprise: 분당 700회\n\n한도를 초과하면 429 Too Many Requests 응답과 함께 Retry-After 헤더(초 단위)가 반환됩니다. 응답 헤더의 X-RateLimit-Remaining 값으로 남은 요청 수를 확인할 수 있습니다.", []string{"api", "요청 한도", "rate limit"}},
		{"ko-api", "웹훅과 API 요청 한도", "웹훅 발송 자체는 API 요청 한도에 포함되지 않습니다. 단, 웹훅을 받은 뒤 API를 호출하면 그 호출은 한도에 포함됩니다.\n\n엔드포인트는 10초 안에 2xx로 응답해야 하며, 그렇지 않으면 24시간 동안 재시도됩니다. 먼저 200을 응답하고 비동기로 처리하며, 이벤트 ID로 중복을 걸러 주세요.", []string{"웹훅", "api"}},
		{"ko-api", "API 상태 코드 안내", "- 400: 잘못된 요청 (필드 오류 목록 포함)\n- 401: API 키가 없거나 잘못됨\n- 403: 권한 없음\n- 404: 리소스 없음\n- 405: 지원하지 않는 메서드\n- 406: Accept 헤더 오류\n- 409: 중복 값 (예: 연락처 이메일)\n- 415: Content-Type은 application/json이어야 함\n- 429: 요청 한도 초과 (Retry-After 확인)\n- 500: 서버 오류 (X-Request-Id와 함께 문의)", []string{"api", "오류"}},
		{"ko-account", "비밀번호 재설정 방법", "로그인 화면에서 \"비밀번호를 잊으셨나요?\"를 클릭하고 회사 이메일을 입력하세요. 이메일로 받은 링크는 15분 동안만 유효하며, 가장 최근에 받은 링크만 사용할 수 있습니다.", []string{"비밀번호", "로그인"}},
		{"ko-account", "환불 정책", "- 월간 요금제: 언제든 해지할 수 있으며 해당 월 요금은 환불되지 않습니다.\n- 연간 요금제: 구매 후 30일 이내 전액 환불. 30일 이후 좌석 축소 시 일할 계산된 크레딧이 제공됩니다.\n- 중복 결제는 전액 환불됩니다 (영업일 기준 5~10일).", []string{"환불", "결제"}},
		{"ko-account", "SSO(SAML) 설정하기", "설정 → 보안 → SSO에서 SP 메타데이터를 내려받아 IdP에 등록한 뒤, IdP 메타데이터 URL을 입력하세요. NameID는 사용자의 이메일이어야 합니다.", []string{"sso", "saml"}},
		{"ja-api", "APIキーの確認方法", "コンソールにログインし、右上のアイコン → プロフィール設定 → 「APIキーを表示」をクリックしてください。APIキーはBasic認証のユーザー名として使用し、パスワードには任意の文字列（例: X）を指定します。", []string{"api", "apiキー"}},
		{"ja-api", "プラン別のAPIレート制限", "1分あたりのリクエスト上限はアカウント全体で共有されます。\n\n- Trial: 50回\n- Growth: 200回\n- Pro: 400回\n- Enterprise: 700回\n\n上限を超えるとHTTP 429とRetry-Afterヘッダーが返されます。Webhookの送信は上限にカウントされません。", []string{"api", "レート制限"}},
		// The articles that ground the showcase escalation (ticket 57): found by
		// search_solutions for 502, gateway, timeout, keepalive and region
		// migration, in every language of the demo.
		{"apitrouble", "Intermittent 502 Bad Gateway errors: causes and fixes", "A 502 Bad Gateway from the Acme API gateway means that the gateway did not get a valid answer from the service behind it. Intermittent 502 errors (a small share of requests) almost always have one of these causes:\n\n- Idle keepalive connections: our load balancer closes connections that were idle for 60 seconds. If your HTTP client keeps idle connections in its pool for longer, the first request on such a connection can fail with 502 or a connection reset. Set the client's idle timeout below 60 seconds (we recommend 55s).\n- A keepalive timeout mismatch between the edge proxy and the origin, typically right after a region migration. It shows up on requests with large bodies (over 1 MB). Support checks the edge and origin timeouts for your account.\n- A single unhealthy edge node: when all failing requests went through the same node, we take it out of rotation.\n\nWhat to send support so we can find your requests in our logs:\n\n- 3-5 X-Request-Id response headers of failing calls, with the time in UTC.\n- The endpoint, the method and the approximate request body size.\n- Your HTTP client and its connection pool settings (idle timeout, keepalive).\n\nUntil the cause is fixed, retry idempotent requests (GET, PUT, DELETE) once after a 502, with a short backoff. Ongoing incidents are listed on https://status.acmecloud.example.com.", []string{"502", "gateway", "api gateway", "troubleshooting"}},
		{"apitrouble", "Load balancer idle timeout and keepalive settings", "Acme Cloud's load balancers use the same timeouts in every region:\n\n- Idle timeout: 60 seconds. A connection without traffic for 60 seconds is closed.\n- Request timeout: 30 seconds for the API, 120 seconds for uploads.\n- Maximum request body: 10 MB.\n\nRecommended client settings:\n\n- Keep pooled connections idle for less than 60 seconds; 55s is safe everywhere. Java (Apache HttpClient): evictIdleConnections(55, SECONDS). Go: http.Transport.IdleConnTimeout = 55 * time.Second. Node.js: an http.Agent with keepAlive and a socket timeout below 60 seconds.\n- Enable TCP keepalive.\n- Retry idempotent requests once after a connection reset or a 502.\n\nSymptom of a mismatch: rare, intermittent 502 errors on requests that follow a pause of 60 seconds or more. If you cannot change your client quickly, support can raise the idle timeout of your account to up to 120 seconds as a temporary measure until you redeploy.", []string{"timeout", "keepalive", "load balancer", "502"}},
		{"apitrouble", "Region migration: what changes and what to check", "When your account moves to another region (for example from us-east-1 to us-west-2), we copy your data, switch DNS and keep the old region serving for 24 hours. Migrations are announced 14 days ahead to the account's technical contact.\n\nWhat changes:\n\n- The API hostname stays the same; its IP addresses change. Restart clients that cache DNS for longer than 5 minutes.\n- Webhooks and e-mail come from the new region's IP ranges: update firewall allowlists (Settings → Security → IP ranges).\n- Load balancer timeouts are the same in every region (idle timeout 60 seconds), but every connection is re-established: clients with long-lived idle connection pools can see intermittent 502 errors until their idle timeout is below 60 seconds.\n\nAfter the migration, check:\n\n- Your API error rate during the first 24 hours; report 502 or timeout spikes to support with X-Request-Id values.\n- Webhook deliveries (Settings → Webhooks → Delivery log).\n- Large uploads (over 1 MB), which now go through the new edge.", []string{"region migration", "migration", "regions", "502"}},
		{"ko-api", "간헐적인 502 Bad Gateway 오류 해결 방법", "API gateway에서 502 Bad Gateway 오류가 간헐적으로 발생하는 주요 원인은 다음과 같습니다.\n\n- 유휴 연결(keepalive): 로드 밸런서는 60초 동안 트래픽이 없는 연결을 닫습니다. HTTP 클라이언트가 유휴 연결을 60초보다 오래 유지하면 그 연결의 첫 요청이 502로 실패할 수 있습니다. 클라이언트의 idle timeout을 60초 미만(권장 55초)으로 설정하세요.\n- 리전 이전(region migration) 직후: 엣지 프록시와 오리진의 keepalive timeout이 맞지 않으면 1MB가 넘는 큰 요청에서 502가 발생할 수 있습니다.\n- 특정 엣지 노드 문제: 실패한 요청이 모두 같은 노드를 거쳤다면 해당 노드를 제외합니다.\n\n문의하실 때 실패한 요청의 X-Request-Id 3~5개와 발생 시각(UTC), 엔드포인트, 클라이언트의 연결 풀 설정을 함께 보내 주세요. 멱등 요청(GET, PUT, DELETE)은 502가 발생하면 한 번 재시도하는 것을 권장합니다.", []string{"502", "gateway", "keepalive", "리전 이전"}},
		{"ja-api", "断続的な502 Bad Gatewayエラーの対処方法", "API gatewayから502 Bad Gatewayが断続的に返される主な原因は次のとおりです。\n\n- アイドル接続（keepalive）: ロードバランサーは60秒間通信のない接続を切断します。HTTPクライアントがアイドル接続を60秒以上保持すると、その接続での最初のリクエストが502で失敗することがあります。クライアントのidle timeoutを60秒未満（推奨55秒）に設定してください。\n- リージョン移行（region migration）の直後: エッジプロキシとオリジンのkeepalive timeoutが一致しないと、1MBを超える大きなリクエストで502が発生することがあります。\n- 特定のエッジノードの不調: 失敗したリクエストがすべて同じノードを経由している場合、そのノードを切り離します。\n\nお問い合わせの際は、失敗したリクエストのX-Request-Id（3〜5件）と発生時刻（UTC）、エンドポイント、接続プールの設定をお送りください。", []string{"502", "gateway", "keepalive", "タイムアウト"}},
		{"de-api", "Sporadische 502-Fehler (Bad Gateway): Ursachen und Lösungen", "Ein 502 Bad Gateway vom API-Gateway bedeutet, dass das Gateway keine gültige Antwort vom dahinterliegenden Dienst erhalten hat. Sporadische 502-Fehler haben meist eine dieser Ursachen:\n\n- Inaktive Keepalive-Verbindungen: Unser Load Balancer schließt Verbindungen nach 60 Sekunden ohne Datenverkehr (Idle-Timeout). Hält Ihr HTTP-Client inaktive Verbindungen länger im Pool, kann die erste Anfrage darauf mit 502 fehlschlagen. Stellen Sie das Idle-Timeout des Clients unter 60 Sekunden ein (empfohlen: 55 s).\n- Nach einer Regionsmigration (region migration): Passen die Keepalive-Timeouts von Edge-Proxy und Origin nicht zusammen, schlagen vor allem große Anfragen (über 1 MB) fehl.\n- Ein einzelner fehlerhafter Edge-Knoten: Laufen alle fehlgeschlagenen Anfragen über denselben Knoten, nehmen wir ihn aus der Rotation.\n\nSenden Sie uns 3–5 X-Request-Id-Header fehlgeschlagener Anfragen mit Uhrzeit (UTC), den Endpunkt und die Einstellungen Ihres Verbindungspools. Idempotente Anfragen (GET, PUT, DELETE) sollten nach einem 502 einmal wiederholt werden.", []string{"502", "gateway", "keepalive", "timeout"}},
	}
}

func (w *world) buildKB() {
	start := accountStart().Add(10 * 24 * time.Hour)
	catID := map[string]int64{}
	catName := map[string]catSpec{}
	for i, c := range kbCategories() {
		id := solCatBase + int64(i+1)
		catID[c.key], catName[c.key] = id, c
		w.solCats = append(w.solCats, SolutionCategory{ID: id, Name: c.name, Description: ptr(c.desc), CreatedAt: ts(start),
			UpdatedAt: ts(start.Add(time.Duration(i*20) * 24 * time.Hour)), VisibleInPortals: []int64{portalID}, Icon: ordered{}})
	}
	fID := map[string]int64{}
	fIdx := map[string]int{}
	arts := kbArticles()
	for i, f := range kbFolders() {
		id := solFolderBase + int64(i+1)
		fID[f.key], fIdx[f.key] = id, i
		c := catName[f.cat]
		count := 0
		for _, a := range arts {
			if a.folder == f.key {
				count++
			}
		}
		w.solFolders = append(w.solFolders, SolutionFolder{ID: id, Name: f.name, Description: ptr(f.desc), ArticlesCount: count,
			CreatedAt: ts(start.Add(time.Hour)), UpdatedAt: ts(start.Add(time.Duration(30+i*9) * 24 * time.Hour)), IconURL: nil, ParentFolderID: nil,
			SubFoldersCount: 0, Hierarchy: []HierarchyLevel{{0, "category", HierarchyData{catID[f.cat], c.name, c.lang}}, {1, "folder", HierarchyData{id, f.name, c.lang}}},
			Visibility: 1, CategoryID: catID[f.cat]})
	}
	authors := []int64{agentBase + 1, agentBase + 3, agentBase + 2, agentBase + 7}
	for i, a := range arts {
		f := w.solFolders[fIdx[a.folder]]
		lang := f.Hierarchy[0].Data.Language
		author := authors[i%len(authors)]
		switch lang {
		case "ko":
			author = agentBase + 4
		case "ja":
			author = agentBase + 5
		case "de":
			author = agentBase + 6
		}
		created := start.Add(time.Duration(40+i*11) * 24 * time.Hour)
		body := kbHTML(a.body)
		w.articles = append(w.articles, SolutionArticle{ID: articleBase + int64(i+1), Type: 1, Status: 2, AgentID: author, CreatedAt: ts(created),
			CategoryID: f.CategoryID, FolderID: f.ID, Title: a.title, UpdatedAt: ts(created.Add(time.Duration(5+i*7) * 24 * time.Hour)),
			Description: body, DescriptionText: toText(body), SEOData: SEOData{MetaTitle: a.title, MetaDescription: ""}, Tags: a.tags,
			Attachments: []Attachment{}, CloudFiles: []string{}, ThumbsUp: int(hash(a.title)%40) + 2, ThumbsDown: int(hash(a.title) % 5),
			Hits: int(hash(a.title)%3000) + 120, Suggested: int(hash(a.title) % 60), FeedbackCount: int(hash(a.title) % 4),
			Hierarchy: []HierarchyLevel{f.Hierarchy[0], {1, "folder", HierarchyData{f.ID, f.Name, lang}}}})
	}
}

// kbHTML renders an article body the way the Freshdesk article editor stores it.
func kbHTML(body string) string {
	var b strings.Builder
	for _, p := range strings.Split(body, "\n\n") {
		lines := strings.Split(p, "\n")
		if isList(lines) {
			b.WriteString("<ul>")
			for _, l := range lines {
				b.WriteString("<li>" + inline(strings.TrimPrefix(l, "- ")) + "</li>")
			}
			b.WriteString("</ul>")
			continue
		}
		b.WriteString("<p>" + inline(p) + "</p>")
	}
	return b.String()
}

type cannedSpec struct{ folder, title, body string }

func (w *world) buildCanned() {
	folders := []struct {
		name     string
		personal bool
	}{{"General", false}, {"Billing", false}, {"Technical", false}, {"한국어 답변", false}, {"Personal", true}}
	specs := []cannedSpec{
		{"General", "Acknowledge and set expectations", "Hi {{ticket.requester.firstname}},\n\nThanks for contacting Acme Cloud support. We've received your request (#{{ticket.id}}) and will get back to you within one business day.\n\nBest regards,\n{{ticket.agent.name}}"},
		{"General", "Closing: resolved, reply to reopen", "Hi {{ticket.requester.firstname}},\n\nI'm glad we could sort this out. I'll mark this ticket as resolved; simply reply to this e-mail if anything comes up again and the ticket reopens automatically.\n\nBest regards,\n{{ticket.agent.name}}"},
		{"General", "Follow-up: no reply in 5 days", "Hi {{ticket.requester.firstname}},\n\nJust following up on my previous message. If we don't hear back within 5 days, this ticket will be closed automatically. You can always reply to reopen it."},
		{"General", "Ask for a HAR file", "To investigate further, could you record a HAR file of the failing page load? Instructions: https://support.acmecloud.example.com/a/solutions/articles/har-files\n\nPlease remove any passwords from the file before sending it."},
		{"Billing", "Refund issued", "Hi {{ticket.requester.firstname}},\n\nI've issued a refund of {{amount}} to your original payment method. It usually appears on your statement within 5-10 business days.\n\nBest regards,\nAcme Cloud Billing"},
		{"Billing", "Refund policy summary", "Monthly plans can be cancelled at any time (the current month isn't refunded). Annual plans are fully refundable within 30 days of purchase; after that, removing seats gives a pro-rata account credit. Full policy: https://support.acmecloud.example.com/a/solutions/articles/refund-policy"},
		{"Billing", "Payment failed: update card", "Your last payment didn't go through. Please update your card under Billing → Payment methods and click \"Retry payment\". Your account stays active for 14 days meanwhile."},
		{"Technical", "Rate limits per plan", "The API allows per minute: Trial 50, Growth 200, Pro 400, Enterprise 700 requests for the whole account. When you exceed it you'll get 429 with a Retry-After header; please wait that many seconds before retrying. The X-RateLimit-Remaining header shows what's left."},
		{"Technical", "Where to find the API key", "Your API key is under your avatar → Profile settings → View API key. Use it as the Basic auth username with any password (e.g. X). Please never paste the key into a ticket."},
		{"Technical", "Request ID needed", "Could you send us the X-Request-Id response header of one of the failing requests and the time (UTC) it happened? That lets us find it in our logs."},
		{"Technical", "Webhook retries explained", "Webhook deliveries must get a 2xx answer within 10 seconds; otherwise we retry with exponential backoff for 24 hours. Sending webhooks does not count against your API rate limit."},
		{"한국어 답변", "접수 확인", "{{ticket.requester.name}}님, 안녕하세요.\n\nAcme Cloud 고객지원팀입니다. 문의(#{{ticket.id}})가 접수되었으며 영업일 기준 1일 이내에 답변드리겠습니다.\n\n감사합니다."},
		{"한국어 답변", "요청 한도 안내", "요금제별 분당 API 요청 한도는 Trial 50회, Growth 200회, Pro 400회, Enterprise 700회입니다. 초과 시 429 응답과 Retry-After 헤더가 반환됩니다."},
		{"Personal", "My sign-off", "Talk soon,\nSarah"},
		// Appended, so that the ids of the responses above stay stable.
		{"Technical", "Intermittent 502s: client idle timeout", "Our load balancer closes connections that were idle for 60 seconds. If your HTTP client keeps idle connections in its pool for longer, the first request on such a connection can fail with a 502. Please set the idle timeout of pooled connections below 60 seconds (55s is safe in every region) and retry idempotent requests once after a 502. Details: https://support.acmecloud.example.com/a/solutions/articles/load-balancer-idle-timeout"},
	}
	start := accountStart().Add(20 * 24 * time.Hour)
	fids := map[string]int64{}
	for i, f := range folders {
		id := cannedFolder + int64(i+1)
		fids[f.name] = id
		n := 0
		for _, s := range specs {
			if s.folder == f.name {
				n++
			}
		}
		w.cFolders = append(w.cFolders, CannedResponseFolder{ID: id, Name: f.name, CreatedAt: ts(start), UpdatedAt: ts(start.Add(time.Duration(i*13) * 24 * time.Hour)),
			Personal: f.personal, ResponsesCount: n})
	}
	for i, s := range specs {
		created := start.Add(time.Duration(3+i*17) * 24 * time.Hour)
		vis, groups := 0, []int64{}
		switch s.folder {
		case "Personal":
			vis = 1
		case "Billing":
			vis, groups = 2, []int64{w.groupID["billing"]}
		}
		htm := `<div>` + paras(s.body) + `</div>`
		w.canned = append(w.canned, CannedResponse{ID: cannedBase + int64(i+1), Title: s.title, FolderID: fids[s.folder], Content: s.body, ContentHTML: htm,
			Attachments: []Attachment{}, CreatedAt: ts(created), UpdatedAt: ts(created.Add(time.Duration(i%4) * 24 * time.Hour)), GroupIDs: groups, Visibility: vis})
	}
}
