package fdtest

import (
	"crypto/subtle"
	"net/http"
)

// authorized checks HTTP Basic auth: the API key is the username and any
// password is accepted, as on Freshdesk.
func (s *Server) authorized(r *http.Request) bool {
	user, _, ok := r.BasicAuth()
	return ok && subtle.ConstantTimeCompare([]byte(user), []byte(s.apiKey)) == 1
}

func errUnauthorized() *apiError {
	return requestError(http.StatusUnauthorized, "invalid_credentials", msgLoggedIn)
}
