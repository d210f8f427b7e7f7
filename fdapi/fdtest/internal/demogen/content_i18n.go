package main

func topicsKO() []topic {
	return []topic{
		{lang: "ko", subject: "API 키를 재발급하고 싶습니다", typ: "Question", group: "tech", product: "Acme API Gateway", cat: "Technical", sub: "API",
			open: "안녕하세요.\n\n퇴사한 직원이 API 키를 알고 있어서 보안상 API 키를 재발급하고 싶습니다. 재발급하면 기존 연동이 바로 끊기나요?",
			story: []step{
				a("API 키는 프로필 설정 → \"API 키 보기\"에서 재발급하실 수 있습니다. 재발급하는 즉시 기존 키는 무효화되므로, 연동 설정을 먼저 준비하신 후 진행하시는 것을 권장드립니다.\n\n또한 퇴사자 계정은 비활성화하시면 해당 사용자의 API 키도 함께 폐기됩니다."),
				c("재발급 후 연동 서버에 새 키를 반영했는데, 일부 요청이 여전히 401 오류가 납니다."),
				a("확인해 보니 배치 서버 한 대에 이전 키가 캐시되어 있었습니다. 해당 서버를 재시작하시면 해결될 것으로 보입니다."),
				c("재시작하니 정상 동작합니다. 빠른 답변 감사합니다!"),
			}},
		{lang: "ko", subject: "세금계산서 발행 요청드립니다", typ: "Question", group: "billing", product: "Acme Console", cat: "Billing", sub: "Invoices",
			open: "안녕하세요, 한빛소프트 재무팀입니다.\n\n10월 이용료에 대한 세금계산서 발행을 요청드립니다. 사업자등록증 사본을 첨부합니다.", openAtt: []string{"사업자등록증.pdf"},
			story: []step{
				a("요청하신 10월분 세금계산서를 발행하여 등록된 이메일로 발송하였습니다. 다음 달부터는 매월 자동 발행되도록 설정해 두었습니다."),
				c("확인했습니다. 공급가액이 청구서 금액과 조금 다른데 확인 부탁드립니다."),
				a("청구서 금액은 부가세 포함 금액이고, 세금계산서의 공급가액은 부가세 제외 금액이라 차이가 납니다. 합계 금액은 동일합니다."),
				c("아 그렇군요. 감사합니다."),
			}, order: true},
		{lang: "ko", subject: "웹훅이 중복으로 수신됩니다", typ: "Problem", group: "tech", product: "Acme API Gateway", cat: "Technical", sub: "Webhooks",
			open: "어제부터 동일한 이벤트의 웹훅이 2~3번씩 중복으로 들어오고 있습니다. 이벤트 ID가 같습니다.",
			story: []step{
				a("웹훅은 응답이 10초 안에 2xx로 오지 않으면 재시도됩니다. 로그를 보니 엔드포인트 응답 시간이 12~15초로, 처리가 끝난 후 응답을 보내고 계신 것 같습니다.\n\n요청을 받으면 먼저 200을 응답하고 비동기로 처리하시길 권장드립니다. 그리고 이벤트 ID로 중복 처리를 막아 주세요."),
				c("말씀하신 대로 먼저 응답하도록 바꿨습니다. 재시도도 API 요청 한도에 포함되나요?"),
				a("웹훅 발송 자체는 요청 한도에 포함되지 않습니다. 다만 웹훅을 받은 후 API를 다시 호출하시면 그 호출은 한도에 포함됩니다."),
				c("이해했습니다. 중복 수신도 없어졌습니다. 감사합니다."),
			}},
		{lang: "ko", subject: "SSO 로그인 시 오류가 발생합니다", typ: "Problem", group: "tech", product: "Acme Console", cat: "Account", sub: "SSO",
			open: "SAML SSO를 설정했는데 로그인 시 \"사용자를 찾을 수 없습니다\" 오류가 표시됩니다. 관리자 계정으로는 로그인이 됩니다.", openAtt: []string{"sso-오류화면.png"},
			story: []step{
				a("IdP에서 보내는 NameID가 이메일 형식인지 확인 부탁드립니다. 현재 사번(예: E10234)이 전달되고 있어 사용자를 찾지 못하는 것으로 보입니다."),
				c("NameID를 이메일로 변경했더니 일부 사용자는 되는데 대문자가 포함된 이메일은 안 됩니다."),
				a("대소문자 구분 문제는 저희 쪽 버그로 확인되어 오늘 배포로 수정되었습니다. 다시 시도해 주세요."),
				c("모두 정상 로그인됩니다. 감사합니다."),
			}},
		{lang: "ko", subject: "429 오류가 자주 발생합니다", typ: "Problem", group: "tech", product: "Acme API Gateway", cat: "Technical", sub: "API",
			open: "Growth 요금제를 사용 중인데, 오전 9시 배치 작업 때마다 429 Too Many Requests 오류가 납니다. 요금제별 요청 한도가 어떻게 되나요?",
			story: []step{
				a("요금제별 분당 API 요청 한도는 Trial 50회, Growth 200회, Pro 400회, Enterprise 700회입니다. 한도는 계정 전체에 적용되며, 429 응답의 Retry-After 헤더에 대기 시간(초)이 포함되어 있습니다."),
				c("배치를 여러 개로 나눠서 돌리고 있었는데, 합쳐서 200회를 넘었던 것 같습니다."),
				a("네, 맞습니다. 응답 헤더의 X-RateLimit-Remaining 값을 확인하면서 속도를 조절하시면 됩니다. 관련 도움말 문서 \"플랜별 API 요청 한도\" 링크도 보내드립니다."),
				c("적용 후 오류가 사라졌습니다. 감사합니다!"),
			}},
		{lang: "ko", subject: "데이터 내보내기 CSV에서 한글이 깨집니다", typ: "Problem", group: "tech", product: "Acme Analytics", cat: "Technical", sub: "Data Export",
			open: "프로젝트 데이터를 CSV로 내보낸 후 엑셀에서 열면 한글이 모두 깨져서 보입니다.", openAtt: []string{"export-깨짐.png"},
			story: []step{
				a("CSV 파일은 UTF-8로 저장되는데, 엑셀은 BOM이 없는 UTF-8 파일을 다른 인코딩으로 여는 경우가 있습니다. 내보내기 화면에서 \"Excel 호환 (UTF-8 BOM)\" 옵션을 선택해 주세요."),
				c("그 옵션이 보이지 않습니다."),
				a("해당 옵션은 설정 → 데이터 → 내보내기의 \"고급 옵션\"을 펼치면 보입니다. 화면 캡처를 첨부드립니다.", "내보내기-고급옵션.png"),
				c("찾았습니다. 이제 한글이 잘 보입니다."),
			}},
		{lang: "ko", subject: "요금제 변경 문의 (Growth → Pro)", typ: "Question", group: "billing", product: "Acme Console", cat: "Billing", sub: "Plan Changes",
			open: "다음 달부터 Pro 요금제로 변경하려고 합니다. 중간에 변경하면 요금은 어떻게 계산되나요? 연간 결제도 가능한지 궁금합니다.",
			story: []step{
				a("월 중간에 업그레이드하시면 남은 기간만큼 차액이 일할 계산되어 즉시 청구됩니다. 연간 결제로 전환하시면 월 결제 대비 약 15% 할인이 적용됩니다."),
				c("연간 결제로 Pro 변경 부탁드립니다. 결제는 기존 카드로 해 주세요."),
				a("Pro 연간 요금제로 변경 완료했습니다. 영수증은 등록된 이메일로 발송되었습니다."),
				c("감사합니다."),
			}, order: true},
		{lang: "ko", subject: "신규 팀원 초대 메일이 오지 않습니다", typ: "Question", group: "onboarding", product: "Acme Console", cat: "Account", sub: "Users & Permissions",
			open: "새로 입사한 팀원 3명을 초대했는데 초대 메일을 받지 못했다고 합니다. 스팸함에도 없다고 합니다.",
			story: []step{
				a("발송 로그를 보니 메일이 회사 메일 서버에서 거부(550)되었습니다. 메일 서버에서 acmecloud.example.com 도메인을 허용 목록에 추가해 주시겠어요?"),
				c("IT팀에서 허용 목록에 추가했다고 합니다."),
				a("초대 메일을 다시 발송했고, 이번에는 정상 전달된 것으로 확인됩니다."),
				c("세 명 모두 가입했습니다. 감사합니다!"),
			}},
	}
}

func fillKO() fill {
	return fill{
		cust: []step{
			c("답변 감사합니다. 말씀하신 방법을 시도했는데 여전히 같은 오류가 발생합니다."),
			c("로그 파일을 첨부합니다. 확인 부탁드립니다.", "server-log.txt"),
			c("혹시 진행 상황이 있을까요? 팀 업무가 막혀 있어서요."),
			c("다른 PC에서도 동일하게 발생합니다."),
		},
		agent: []step{
			a("자세한 내용 감사합니다. 개발팀에 전달하였으며, 확인되는 대로 바로 안내드리겠습니다."),
			a("오류가 발생한 요청의 X-Request-Id 헤더 값과 발생 시각을 알려주실 수 있을까요?"),
			a("원인이 확인되어 오늘 중 수정 사항이 배포될 예정입니다. 배포 후 다시 안내드리겠습니다."),
		},
		notes: []step{
			n("고객사 연간 계약, 다음 달 갱신 예정. 우선 처리 필요."),
			n("스테이징에서 재현됨. ENG-4907 티켓 생성함."),
			n("Checked logs with Sarah: same root cause as the EN ticket about 429s. Linking."),
		},
		vendorNotes: []step{
			n("카드사 확인 대기 중 (영업일 기준 2일 소요 예정). 상태를 Waiting on Third Party로 변경."),
		},
		chase: []step{
			a("확인을 위해 워크스페이스 이름과 해당 사용자의 이메일 주소를 알려주시겠어요?"),
			a("이전에 안내드린 방법으로 해결되었는지 확인 부탁드립니다. 5일간 회신이 없으면 티켓이 자동으로 종료됩니다."),
		},
	}
}

func topicsJA() []topic {
	return []topic{
		{lang: "ja", subject: "請求書の宛名変更について", typ: "Question", group: "billing", product: "Acme Console", cat: "Billing", sub: "Invoices",
			open: "いつもお世話になっております。\n\n弊社の社名表記が変更になりましたので、来月以降の請求書の宛名を「株式会社さくらリテール 経理部」に変更していただけますでしょうか。",
			story: []step{
				a("ご連絡ありがとうございます。請求書の宛名を変更いたしました。来月発行分から新しい宛名で発行されます。"),
				c("ありがとうございます。今月分も再発行は可能でしょうか。"),
				a("今月分を新しい宛名で再発行し、添付いたしました。ご確認ください。", "請求書_2026-11_再発行.pdf"),
				c("確認いたしました。ご対応ありがとうございました。"),
			}, order: true},
		{lang: "ja", subject: "APIのレート制限について教えてください", typ: "Question", group: "tech", product: "Acme API Gateway", cat: "Technical", sub: "API",
			open: "お世話になっております。在庫連携でAPIを利用していますが、プランごとのレート制限と、Webhookが制限にカウントされるかを教えていただけますか。",
			story: []step{
				a("お問い合わせありがとうございます。1分あたりのAPIリクエスト上限は、Trial 50回、Growth 200回、Pro 400回、Enterprise 700回です。\n\nWebhookの送信自体は上限にカウントされませんが、Webhook受信後にAPIを呼び出す場合はその呼び出しがカウントされます。"),
				c("上限を超えた場合はどうなりますか。"),
				a("HTTP 429が返され、Retry-Afterヘッダーに待機秒数が含まれます。その秒数待ってから再試行してください。"),
				c("よく分かりました。ありがとうございます。"),
			}},
		{lang: "ja", subject: "CSVエクスポートで文字化けが発生します", typ: "Problem", group: "tech", product: "Acme Analytics", cat: "Technical", sub: "Data Export",
			open: "エクスポートしたCSVをExcelで開くと、日本語の商品名がすべて文字化けしてしまいます。", openAtt: []string{"文字化け.png"},
			story: []step{
				a("ご不便をおかけしております。エクスポート画面の「詳細オプション」で「Excel互換（UTF-8 BOM付き）」を選択してください。"),
				c("選択しましたが、改行を含む商品説明の列がずれてしまいます。"),
				a("改行を含む項目の扱いに不具合があることを確認しました。本日のリリースで修正済みですので、再度エクスポートをお試しください。"),
				c("正しく表示されました。ありがとうございました。"),
			}},
		{lang: "ja", subject: "SSO設定の手順を教えてください", typ: "Question", group: "onboarding", product: "Acme Console", cat: "Account", sub: "SSO",
			open: "社内のIdPとSAML連携したいのですが、設定手順を教えていただけますか。",
			story: []step{
				a("設定 → セキュリティ → SSO からSPメタデータをダウンロードし、IdP側に登録してください。その後、IdPのメタデータURLをAcme Cloud側に登録します。手順書を添付いたします。", "SAML設定手順.pdf"),
				c("テストログインで「署名が無効です」と表示されます。"),
				a("IdPの署名証明書が更新されていたようです。最新の証明書を再度アップロードしてください。"),
				c("ログインできました。ありがとうございます。"),
			}},
		{lang: "ja", subject: "ストレージへのアップロードが失敗します", typ: "Incident", group: "tech", product: "Acme Storage", cat: "Technical", sub: "Bug",
			open: "5GBを超えるファイルをアップロードすると、途中で「Upload failed」と表示されて失敗します。",
			story: []step{
				a("5GBを超えるファイルはマルチパートアップロードが必要です。コンソールからは最大5GBまでとなっておりますので、CLIの「acme storage cp」をご利用ください。"),
				c("CLIで試したところ成功しました。コンソールでも対応予定はありますか。"),
				a("はい、来四半期にコンソールでも大容量ファイルに対応予定です。リクエストとして登録いたしました。"),
				c("承知しました。ありがとうございます。"),
			}},
	}
}

func fillJA() fill {
	return fill{
		cust: []step{
			c("ご回答ありがとうございます。ご案内の方法を試しましたが、まだ同じエラーが発生します。"),
			c("ログを添付いたします。ご確認をお願いいたします。", "error-log.txt"),
			c("その後の状況はいかがでしょうか。"),
		},
		agent: []step{
			a("詳細をありがとうございます。開発チームに確認しておりますので、分かり次第ご連絡いたします。"),
			a("エラーが発生したリクエストのX-Request-Idと発生時刻を教えていただけますでしょうか。"),
		},
		notes: []step{
			n("VIP顧客。来月更新予定のため優先対応。"),
			n("Reproduced on staging, same as ENG-4821."),
		},
		vendorNotes: []step{
			n("決済代行会社に確認中（回答まで2営業日）。"),
		},
		chase: []step{
			a("先日ご案内した方法で解決しましたでしょうか。5日間ご返信がない場合、本チケットは自動的にクローズされます。"),
		},
	}
}

func topicsDE() []topic {
	return []topic{
		{lang: "de", subject: "Rechnung mit falscher USt-IdNr.", typ: "Question", group: "billing", product: "Acme Console", cat: "Billing", sub: "Invoices",
			open: "Guten Tag,\n\nauf unserer Rechnung INV-2026-10-3981 steht eine falsche USt-IdNr. Richtig ist DE123456789. Bitte stellen Sie die Rechnung neu aus, sonst kann unsere Buchhaltung sie nicht verbuchen.",
			story: []step{
				a("Vielen Dank für den Hinweis. Ich habe die USt-IdNr. in Ihrem Konto korrigiert und die Rechnung neu ausgestellt (im Anhang).", "INV-2026-10-3981-korrigiert.pdf"),
				c("Danke. Wird die Steuer jetzt korrekt im Reverse-Charge-Verfahren ausgewiesen?"),
				a("Ja, mit gültiger USt-IdNr. wird keine Umsatzsteuer berechnet und der Hinweis \"Steuerschuldnerschaft des Leistungsempfängers\" ist auf der Rechnung vermerkt."),
				c("Perfekt, vielen Dank."),
			}, order: true},
		{lang: "de", subject: "Rückerstattung nach Kündigung", typ: "Refund", group: "billing", product: "Acme Console", cat: "Billing", sub: "Refunds",
			open: "Hallo,\n\nwir haben unseren Monatsplan am 3. gekündigt, wurden aber am 5. trotzdem für den ganzen Monat belastet. Bitte erstatten Sie den Betrag.",
			story: []step{
				a("Das tut mir leid. Die Kündigung war zum Ende des Abrechnungszeitraums eingeplant, der am 4. endete, aber die Verlängerung wurde schon vorher ausgelöst. Ich habe die volle Rückerstattung veranlasst."),
				c("Wann sehen wir das Geld auf dem Konto?"),
				a("Je nach Bank innerhalb von 5 bis 10 Werktagen. Die Gutschrift liegt im Anhang.", "Gutschrift-CR-2026-0217.pdf"),
				c("Danke für die schnelle Bearbeitung."),
			}, order: true},
		{lang: "de", subject: "Webhook-Zustellung schlägt fehl", typ: "Problem", group: "tech", product: "Acme API Gateway", cat: "Technical", sub: "Webhooks",
			open: "Seit heute Morgen schlagen alle Webhook-Zustellungen an unseren Endpunkt mit \"SSL handshake failed\" fehl.",
			story: []step{
				a("Danke für die Meldung. Ihr Server liefert ein Zertifikat ohne Zwischenzertifikat aus. Unsere Webhook-Clients prüfen die vollständige Kette. Bitte hinterlegen Sie die komplette Zertifikatskette auf Ihrem Server."),
				c("Kette ist ergänzt. Werden die fehlgeschlagenen Events erneut gesendet?"),
				a("Ja, fehlgeschlagene Zustellungen werden 24 Stunden lang mit exponentiellem Backoff wiederholt."),
				c("Alles angekommen, danke!"),
			}},
		{lang: "de", subject: "Zwei-Faktor-Authentifizierung zurücksetzen", typ: "Incident", group: "tech", product: "Acme Console", cat: "Account", sub: "Login & Password",
			open: "Unser Kollege hat ein neues Handy und kommt nicht mehr ins Konto, weil die 2FA-Codes fehlen. Können Sie die 2FA zurücksetzen?",
			story: []step{
				a("Gerne. Aus Sicherheitsgründen muss ein Admin Ihres Kontos die Zurücksetzung bestätigen. Sie sind Admin: bitte bestätigen Sie kurz den Namen und die E-Mail-Adresse des Kollegen."),
				c("Felix Hoffmann, felix.hoffmann@brandt-maschinenbau.example.de"),
				a("Die 2FA für Herrn Hoffmann ist zurückgesetzt. Beim nächsten Login wird er aufgefordert, ein neues Gerät einzurichten."),
				c("Funktioniert wieder. Danke!"),
			}},
		{lang: "de", subject: "Datenexport für DSGVO-Auskunft", typ: "Question", group: "onboarding", product: "Acme Console", cat: "Technical", sub: "Data Export",
			open: "Ein Kunde hat eine Auskunft nach Art. 15 DSGVO angefragt. Wie exportieren wir alle Daten zu einer bestimmten Person?",
			story: []step{
				a("Unter Einstellungen → Daten → Personenbezogene Daten können Sie nach E-Mail-Adresse suchen und einen vollständigen Export (JSON) erstellen. Der Export enthält alle Datensätze, in denen die Person vorkommt."),
				c("Gibt es auch ein Löschverfahren nach Art. 17?"),
				a("Ja, im selben Bereich gibt es \"Person löschen\". Die Löschung ist endgültig und wird im Audit-Log protokolliert. Unser AV-Vertrag beschreibt die Fristen."),
				c("Danke, das hilft uns sehr."),
			}},
	}
}

func fillDE() fill {
	return fill{
		cust: []step{
			c("Danke für die schnelle Antwort. Leider tritt der Fehler weiterhin auf."),
			c("Anbei die Logdatei. Bitte prüfen Sie das.", "fehler-log.txt"),
			c("Gibt es schon Neuigkeiten?"),
		},
		agent: []step{
			a("Vielen Dank für die Details. Ich habe das an unser Entwicklungsteam weitergegeben und melde mich, sobald ich mehr weiß."),
			a("Könnten Sie uns die X-Request-Id einer fehlgeschlagenen Anfrage und die ungefähre Uhrzeit schicken?"),
		},
		notes: []step{
			n("Reseller-Kunde, Vertrag läuft über Partner. Rechnungsfragen ggf. mit dem Partner klären."),
		},
		vendorNotes: []step{
			n("Warten auf Rückmeldung des Zahlungsanbieters (Fall #PSP-22871)."),
		},
		chase: []step{
			a("Konnten Sie die vorgeschlagene Lösung schon testen? Ohne Rückmeldung wird dieses Ticket nach 5 Tagen automatisch geschlossen."),
		},
	}
}
