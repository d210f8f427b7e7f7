package draft

import "strings"

// latinLangs is the detection order of Latin-script languages; on a tie the
// earlier one wins.
var latinLangs = []string{"en", "de", "fr", "es", "pt", "nl", "it"}

// stopwords are frequent function words, used both to tell Latin languages
// apart and to drop words from search terms. They are read-only.
var stopwords = map[string]map[string]struct{}{
	"en": set(`the a an and or but if of to in on at for with from by about as into is are was were be been
		being am do does did doing have has had i me my we our us you your he she it its they them their this that these
		those what which who whom when where why how not no can can't cannot could would should will shall may might
		must there here than then so too very just also only s t don doesn didn isn aren wasn weren won ll re ve m d
		any all some more most other such own same both each few again further once out up down over under off`),
	"de": set(`der die das den dem des ein eine einen einem einer eines und oder aber wenn weil dass ich mich mir
		wir uns unser unsere unseren unserem unserer sie ihr ihre ihnen er es ist sind war waren wird werden wurde wurden
		bin bist hat haben hatte hatten nicht kein keine keinen mit von zu zum zur auf bei nach aus für fur über uber um am
		im ins an als auch noch schon nur sehr doch mal wie was wer wo warum kann können konnen könnte muss müssen soll
		sollte dieser diese dieses diesen diesem man sich seit bitte danke hallo`),
	"fr": set(`le la les l un une des du de d et ou mais si que qu qui quoi je j me m moi nous vous tu il elle
		ils elles on ce c cet cette ces mon ma mes notre nos votre vos leur leurs est sont était été être avoir ai as a
		avons avez ont pas ne n plus dans en sur pour par avec sans au aux y se s son sa ses comme très aussi bien
		peut pouvez pouvons merci bonjour`),
	"es": set(`el la los las un una unos unas y o pero si que qué de del al en con por para sin sobre es son
		era fue ser estar está están estamos he ha hemos han hay no ni mi mis nuestro nuestra nuestros tu su sus yo
		nosotros usted ustedes lo le les se me nos como muy también cuando donde porque puede pueden gracias hola`),
	"pt": set(`o a os as um uma uns umas e ou mas se que de do da dos das no na nos nas em com por para sem
		sobre é são era foi ser estar está estão estamos tenho tem temos têm não meu minha nosso nossa seu sua eu nós
		você vocês ele ela eles elas lhe como muito também quando onde porque pode podem obrigado obrigada olá ao aos`),
	"nl": set(`de het een en of maar als dat die dit deze wat wie waar waarom hoe ik mij me wij we ons onze jij
		je jullie u uw hij zij ze is zijn was waren wordt worden werd heb hebt heeft hebben had niet geen met van voor
		naar op in uit bij aan om te ook nog al er dan kan kunnen moet moeten zou graag bedankt hallo alstublieft`),
	"it": set(`il lo la i gli le un uno una e o ma se che di del della dei delle da dal in nel nella con per su
		tra fra è sono era erano essere ho ha abbiamo hanno non mi ci noi voi lui lei loro mio mia nostro nostra suo sua
		come molto anche quando dove perché può possono grazie ciao buongiorno`),
}

// termStop are words that say nothing about which article would help: support
// small talk and generic verbs, per language. Search terms skip them on top of
// the stopwords.
var termStop = map[string]map[string]struct{}{
	"en": set(`hello hi hey dear thanks thank regards best kind please help issue issues problem problems question
		questions ticket support team today yesterday morning afternoon evening week month since still now get got
		getting use using used need needs want wanted work working works trying try tried see know let make made
		find found like tell told able unable thing things something anything way know sure able one two via
		urgent asap again already currently cheers sincerely hope appreciate everything nothing keep keeps`),
	"de": set(`gruß grüße gruss freundlichen grüßen viele vielen dank leider bitte problem frage fragen heute gestern
		morgen seit immer noch geht funktioniert`),
	"fr": set(`cordialement salutations problème question aujourd hui hier matin depuis toujours encore`),
	"es": set(`saludos atentamente problema pregunta hoy ayer mañana desde todavía`),
	"pt": set(`atenciosamente cumprimentos problema pergunta hoje ontem manhã desde ainda`),
	"nl": set(`groet groeten vriendelijke probleem vraag vandaag gisteren ochtend sinds nog steeds`),
	"it": set(`saluti cordiali problema domanda oggi ieri mattina ancora`),
	"ko": set(`안녕하세요 안녕하십니까 감사합니다 고맙습니다 부탁드립니다 부탁합니다 문의 문의드립니다 고객님 확인
		오늘 어제 아침 오전 오후 그리고 하지만 그런데 그래서 제가 저는 저희 우리 있습니다 없습니다 합니다 해주세요
		어떻게 왜 너무 계속 현재 혹시 자주 발생 경우 관련 것 수 때 등 중 좀 더 잘 안 못 이 그 저 모두 다시 요청드립니다
		궁금합니다 가능한지 가능 방법 문제 해결 바랍니다 드립니다 주세요`),
	"ja": set(`お世話 問題 確認 質問 今日 昨日 今朝 現在 以下 以上 場合 方法 件 可能 対応 連絡 宜 何卒 本日 弊社 御社 貴社`),
	"zh": set(`你好 您好 谢谢 感谢 问题 请问 今天 昨天 现在 我们 你们 他们 因为 所以 但是 可以 怎么 什么 没有`),
}

// stopIndex maps a Latin stopword to a bit set of the latinLangs it belongs
// to: one lookup per word instead of one per language. Read-only.
var stopIndex = func() map[string]uint8 {
	idx := map[string]uint8{}
	for i, lang := range latinLangs {
		for w := range stopwords[lang] {
			idx[w] |= 1 << i
		}
	}
	return idx
}()

func set(words string) map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(words) {
		m[w] = struct{}{}
	}
	return m
}

// isStop reports whether a lowercased word is a stopword or a generic support
// word in lang or in English (tickets in any language mix English in).
func isStop(w, lang string) bool {
	for _, l := range []string{lang, "en"} {
		if _, ok := stopwords[l][w]; ok {
			return true
		}
		if _, ok := termStop[l][w]; ok {
			return true
		}
	}
	return false
}
