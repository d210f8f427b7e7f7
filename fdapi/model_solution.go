package fdapi

import "time"

// Article statuses and types.
const (
	ArticleDraft     = 1
	ArticlePublished = 2
)

// Category is a solution (knowledge base) category.
type Category struct {
	ID               int64          `json:"id"`
	Name             string         `json:"name"`
	Description      *string        `json:"description"`
	VisibleInPortals []int64        `json:"visible_in_portals,omitempty"`
	Icon             map[string]any `json:"icon,omitempty"`
	CreatedAt        time.Time      `json:"created_at"`
	UpdatedAt        time.Time      `json:"updated_at"`
}

// Folder is a solution folder.
type Folder struct {
	ID              int64            `json:"id"`
	Name            string           `json:"name"`
	Description     *string          `json:"description"`
	CategoryID      int64            `json:"category_id,omitempty"`
	ParentFolderID  *int64           `json:"parent_folder_id,omitempty"`
	ArticlesCount   *int             `json:"articles_count,omitempty"`
	SubFoldersCount *int             `json:"sub_folders_count,omitempty"`
	Visibility      int              `json:"visibility,omitempty"` // 1 all, 2 logged-in users, 3 agents, 4 selected companies, ...
	CompanyIDs      []int64          `json:"company_ids,omitempty"`
	IconURL         *string          `json:"icon_url,omitempty"`
	Hierarchy       []HierarchyLevel `json:"hierarchy,omitempty"`
	CreatedAt       time.Time        `json:"created_at"`
	UpdatedAt       time.Time        `json:"updated_at"`
}

// HierarchyLevel is one step of a folder's or article's path.
type HierarchyLevel struct {
	Level int    `json:"level"`
	Type  string `json:"type"` // "category" or "folder"
	Data  struct {
		ID       int64  `json:"id"`
		Name     string `json:"name"`
		Language string `json:"language,omitempty"`
	} `json:"data"`
}

// Article is a solution article (view, list or search shape).
type Article struct {
	ID              int64            `json:"id"`
	Title           string           `json:"title"`
	Description     string           `json:"description"`      // HTML
	DescriptionText string           `json:"description_text"` // plain text
	Status          int              `json:"status"`           // 1 draft, 2 published
	Type            int              `json:"type"`             // 1 permanent, 2 workaround
	AgentID         int64            `json:"agent_id"`
	CategoryID      int64            `json:"category_id"`
	FolderID        int64            `json:"folder_id"`
	SEOData         *SEOData         `json:"seo_data,omitempty"`
	Tags            []string         `json:"tags"`
	Attachments     []Attachment     `json:"attachments,omitempty"`
	CloudFiles      []any            `json:"cloud_files,omitempty"`
	ThumbsUp        int              `json:"thumbs_up"`
	ThumbsDown      int              `json:"thumbs_down"`
	Hits            int              `json:"hits"`
	Suggested       int              `json:"suggested"`
	FeedbackCount   int              `json:"feedback_count"`
	Hierarchy       []HierarchyLevel `json:"hierarchy,omitempty"`
	// Search-result extras.
	Path             string     `json:"path,omitempty"`
	Language         string     `json:"language,omitempty"`
	LanguageID       *int64     `json:"language_id,omitempty"`
	CategoryName     string     `json:"category_name,omitempty"`
	FolderName       string     `json:"folder_name,omitempty"`
	FolderVisibility *int       `json:"folder_visibility,omitempty"`
	ModifiedAt       *time.Time `json:"modified_at,omitempty"`
	ModifiedBy       *int64     `json:"modified_by,omitempty"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
}

// SEOData holds an article's SEO metadata.
type SEOData struct {
	MetaTitle       string `json:"meta_title"`
	MetaDescription string `json:"meta_description"`
	MetaKeywords    string `json:"meta_keywords,omitempty"`
}
