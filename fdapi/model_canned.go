package fdapi

import "time"

// CannedResponseFolder is a folder of canned responses.
type CannedResponseFolder struct {
	ID              int64               `json:"id"`
	Name            string              `json:"name"`
	Personal        bool                `json:"personal"`
	ResponsesCount  int                 `json:"responses_count"`
	CannedResponses []CannedResponseRef `json:"canned_responses,omitempty"` // folder view only
	CreatedAt       time.Time           `json:"created_at"`
	UpdatedAt       time.Time           `json:"updated_at"`
}

// CannedResponseRef is a canned response listed inside a folder view.
type CannedResponseRef struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
}

// CannedResponse is a reusable reply template.
type CannedResponse struct {
	ID          int64        `json:"id"`
	Title       string       `json:"title"`
	FolderID    int64        `json:"folder_id"`
	Content     string       `json:"content"`      // plain text
	ContentHTML string       `json:"content_html"` // HTML
	Attachments []Attachment `json:"attachments"`
	GroupIDs    []int64      `json:"group_ids"`
	Visibility  int          `json:"visibility"` // 0 all agents, 1 personal, 2 groups
	CreatedAt   time.Time    `json:"created_at"`
	UpdatedAt   time.Time    `json:"updated_at"`
}
