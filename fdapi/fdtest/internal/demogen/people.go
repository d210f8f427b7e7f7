package main

import "time"

// Id ranges per object type keep ids production-like (large) and readable.
const (
	agentBase      = 67010000000
	contactBase    = 67020000000
	companyBase    = 67030000000
	groupBase      = 67040000000
	fieldBase      = 67050000000
	convBase       = 67100000000
	attachBase     = 67200000000
	solCatBase     = 67060000000
	solFolderBase  = 67061000000
	articleBase    = 67062000000
	cannedFolder   = 67070000000
	cannedBase     = 67071000000
	ratingBase     = 67080000000
	surveyID       = 67081000001
	timeEntryBase  = 67090000000
	emailConfigID  = 67005000001
	billingCfgID   = 67005000002
	productID      = 67000001001
	portalID       = 67000039001
	roleAdmin      = 67000120001
	roleAgent      = 67000120002
	roleSupervisor = 67000120003
)

const (
	supportAddr = "support@acmecloud.example.com"
	billingAddr = "billing@acmecloud.example.com"
)

// agentSpec describes one support agent of Acme Cloud.
type agentSpec struct {
	name, email, title, lang, tz, phone string
	groups                              []string
	occasional                          bool
	signature                           string
	role                                int64
}

// groupSpec describes one agent group.
type groupSpec struct {
	key, name, desc string
	unassignedFor   string
	assign          int
}

func groupSpecs() []groupSpec {
	return []groupSpec{
		{"billing", "Billing", "Invoices, refunds, plan changes and payment failures", "1h", 1},
		{"tech", "Technical Support", "API, integrations, SSO, performance and bugs", "30m", 3},
		{"onboarding", "Onboarding", "New customers, migrations, data imports and training", "4h", 1},
		{"escalations", "Escalations", "Urgent incidents, at-risk accounts and security reports", "30m", 0},
	}
}

func agentSpecs() []agentSpec {
	return []agentSpec{
		{"Sarah Chen", "sarah.chen@acmecloud.example.com", "Senior Support Engineer", "en", "Pacific Time (US & Canada)", "+1 415 555 0142", []string{"tech", "escalations"}, false, "Sarah Chen\nSenior Support Engineer, Acme Cloud", roleSupervisor},
		{"Marcus Webb", "marcus.webb@acmecloud.example.com", "Billing Specialist", "en", "Eastern Time (US & Canada)", "+1 212 555 0187", []string{"billing"}, false, "Marcus Webb\nBilling Team, Acme Cloud", roleAgent},
		{"Priya Raman", "priya.raman@acmecloud.example.com", "Support Engineer", "en", "London", "+44 20 7946 0321", []string{"tech", "onboarding"}, false, "Priya Raman\nSupport Engineer | Acme Cloud", roleAgent},
		{"박지우", "jiwoo.park@acmecloud.example.com", "Support Engineer (Korea)", "ko", "Seoul", "+82 2 555 0198", []string{"tech", "onboarding", "billing"}, false, "박지우 (Jiwoo Park)\nAcme Cloud 고객지원팀", roleAgent},
		{"田中 健二", "kenji.tanaka@acmecloud.example.com", "Customer Success (Japan)", "ja", "Tokyo", "+81 3 5550 0147", []string{"onboarding", "tech", "billing"}, false, "田中 健二 (Kenji Tanaka)\nAcme Cloud カスタマーサクセス", roleAgent},
		{"Lena Fischer", "lena.fischer@acmecloud.example.com", "Billing & Onboarding (DACH)", "de", "Berlin", "+49 30 5550 1234", []string{"billing", "onboarding", "tech"}, false, "Lena Fischer\nAcme Cloud Kundenservice", roleAgent},
		{"Tom Alvarez", "tom.alvarez@acmecloud.example.com", "Support Team Lead", "en", "Central Time (US & Canada)", "+1 512 555 0110", []string{"escalations", "tech", "billing"}, false, "Tom Alvarez\nSupport Team Lead, Acme Cloud", roleAdmin},
		{"Olivia Grant", "olivia.grant@acmecloud.example.com", "Finance Operations", "en", "Eastern Time (US & Canada)", "", []string{"billing"}, true, "", roleAgent},
	}
}

// companySpec describes one customer company.
type companySpec struct {
	name, desc, domain, tier, industry, health, lang string
	plan                                             string
}

func companySpecs() []companySpec {
	return []companySpec{
		{"Northwind Logistics", "Freight forwarding, 400 staff, uses the API heavily for shipment tracking.", "northwind.example.com", "Premium", "Transportation", "At risk", "en", "Enterprise"},
		{"Globex Analytics", "Data analytics consultancy.", "globex.example.org", "Standard", "Consulting", "Healthy", "en", "Pro"},
		{"Initech Health", "Clinic scheduling software; HIPAA-sensitive.", "initech.example.com", "Premium", "Healthcare", "Healthy", "en", "Enterprise"},
		{"한빛소프트", "Hanbit Soft, 게임 퍼블리셔. 서울 본사.", "hanbitsoft.example.kr", "Standard", "Gaming", "Healthy", "ko", "Pro"},
		{"서울데이터랩", "Seoul Data Labs, 데이터 파이프라인 스타트업.", "seouldata.example.kr", "Basic", "Software", "Needs attention", "ko", "Growth"},
		{"株式会社さくらリテール", "Sakura Retail, EC and 42 stores in Kanto.", "sakura-retail.example.jp", "Standard", "Retail", "Healthy", "ja", "Pro"},
		{"Brandt Maschinenbau GmbH", "Maschinenbau, Stuttgart. Vertrag über Reseller.", "brandt-maschinenbau.example.de", "Standard", "Manufacturing", "Healthy", "de", "Growth"},
	}
}

// contactSpec describes one customer contact; company is an index into companySpecs or -1.
type contactSpec struct {
	name, email, title, phone string
	company                   int
	lang, tz                  string
	vip                       bool
}

func contactSpecs() []contactSpec {
	return []contactSpec{
		{"Daniel Brooks", "daniel.brooks@northwind.example.com", "Head of IT", "+1 206 555 0101", 0, "en", "Pacific Time (US & Canada)", true},
		{"Maria Lopez", "maria.lopez@northwind.example.com", "Integration Developer", "", 0, "en", "Pacific Time (US & Canada)", false},
		{"Kevin O'Neill", "kevin.oneill@northwind.example.com", "Finance Manager", "+1 206 555 0133", 0, "en", "Pacific Time (US & Canada)", false},
		{"Aisha Patel", "aisha.patel@northwind.example.com", "Operations Analyst", "", 0, "en", "Pacific Time (US & Canada)", false},
		{"Ethan Clarke", "ethan.clarke@northwind.example.com", "DevOps Engineer", "", 0, "en", "Pacific Time (US & Canada)", false},
		{"Rachel Kim", "rachel.kim@globex.example.org", "Data Engineer", "+1 617 555 0190", 1, "en", "Eastern Time (US & Canada)", false},
		{"Samuel Wright", "samuel.wright@globex.example.org", "CTO", "+1 617 555 0111", 1, "en", "Eastern Time (US & Canada)", true},
		{"Hannah Moore", "hannah.moore@globex.example.org", "Office Manager", "", 1, "en", "Eastern Time (US & Canada)", false},
		{"Lucas Green", "lucas.green@globex.example.org", "Analyst", "", 1, "en", "Eastern Time (US & Canada)", false},
		{"Grace Turner", "grace.turner@initech.example.com", "IT Administrator", "+1 312 555 0175", 2, "en", "Central Time (US & Canada)", false},
		{"Victor Ramos", "victor.ramos@initech.example.com", "Security Officer", "+1 312 555 0176", 2, "en", "Central Time (US & Canada)", true},
		{"Chloe Adams", "chloe.adams@initech.example.com", "Product Manager", "", 2, "en", "Central Time (US & Canada)", false},
		{"Noah Bennett", "noah.bennett@initech.example.com", "Accounts Payable", "", 2, "en", "Central Time (US & Canada)", false},
		{"김민준", "minjun.kim@hanbitsoft.example.kr", "인프라팀 팀장", "+82 2 555 0101", 3, "ko", "Seoul", true},
		{"이서연", "seoyeon.lee@hanbitsoft.example.kr", "백엔드 개발자", "", 3, "ko", "Seoul", false},
		{"박도현", "dohyun.park@hanbitsoft.example.kr", "재무팀 매니저", "+82 2 555 0102", 3, "ko", "Seoul", false},
		{"최지아", "jia.choi@hanbitsoft.example.kr", "QA 엔지니어", "", 3, "ko", "Seoul", false},
		{"정하은", "haeun.jung@seouldata.example.kr", "CTO", "+82 2 555 0201", 4, "ko", "Seoul", false},
		{"강태윤", "taeyoon.kang@seouldata.example.kr", "데이터 엔지니어", "", 4, "ko", "Seoul", false},
		{"윤서준", "seojun.yoon@seouldata.example.kr", "운영 담당", "", 4, "ko", "Seoul", false},
		{"佐藤 美咲", "misaki.sato@sakura-retail.example.jp", "情報システム部 課長", "+81 3 5550 0101", 5, "ja", "Tokyo", true},
		{"鈴木 翔太", "shota.suzuki@sakura-retail.example.jp", "EC開発チーム", "", 5, "ja", "Tokyo", false},
		{"高橋 結衣", "yui.takahashi@sakura-retail.example.jp", "経理部", "+81 3 5550 0102", 5, "ja", "Tokyo", false},
		{"Jonas Becker", "jonas.becker@brandt-maschinenbau.example.de", "IT-Leiter", "+49 711 5550 100", 6, "de", "Berlin", false},
		{"Katharina Wolf", "katharina.wolf@brandt-maschinenbau.example.de", "Buchhaltung", "+49 711 5550 101", 6, "de", "Berlin", false},
		{"Felix Hoffmann", "felix.hoffmann@brandt-maschinenbau.example.de", "Entwickler", "", 6, "de", "Berlin", false},
		{"Emma Wilson", "emma.wilson@example.net", "Freelance designer", "", -1, "en", "London", false},
		{"Liam Foster", "liam.foster@example.net", "", "+44 161 555 0102", -1, "en", "London", false},
		{"Zoe Harper", "zoe.harper@example.org", "Indie developer", "", -1, "en", "Sydney", false},
		{"Oscar Nguyen", "oscar.nguyen@example.com", "", "", -1, "en", "Pacific Time (US & Canada)", false},
		{"Isabel Cruz", "isabel.cruz@example.com", "Student", "", -1, "en", "Eastern Time (US & Canada)", false},
		{"한지민", "jimin.han@example.kr", "프리랜서 개발자", "", -1, "ko", "Seoul", false},
		{"山本 大輔", "daisuke.yamamoto@example.jp", "個人開発者", "", -1, "ja", "Tokyo", false},
		{"Mallory Quinn", "mallory.quinn@example.net", "", "", -1, "en", "UTC", false},
		{"Jin Ho Choi", "jinho.choi@globex.example.org", "Solutions Architect", "", 1, "en", "Eastern Time (US & Canada)", false},
		{"Sophie Laurent", "sophie.laurent@example.org", "Consultant", "", -1, "en", "Paris", false},
	}
}

// accountStart is when the fictional Acme Cloud helpdesk was set up.
func accountStart() time.Time { return time.Date(2024, 3, 4, 9, 15, 0, 0, time.UTC) }
