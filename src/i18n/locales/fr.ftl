# Catalogue français de Steward : chaque texte montré aux gens, par clé (Project Fluent).

## Dates en toutes lettres

day-mon = lun.
day-tue = mar.
day-wed = mer.
day-thu = jeu.
day-fri = ven.
day-sat = sam.
day-sun = dim.
month-1 = janv.
month-2 = févr.
month-3 = mars
month-4 = avr.
month-5 = mai
month-6 = juin
month-7 = juil.
month-8 = août
month-9 = sept.
month-10 = oct.
month-11 = nov.
month-12 = déc.

## La carte de l'ordre du jour

card-next-title = Prochaine rencontre : { $title }
card-roles-open = Rôles de l'ordre du jour ({ $count } { $count ->
        [one] libre
       *[other] libres
    })
card-roles-all-taken = Rôles de l'ordre du jour (tous pris)
card-roles-continued = Rôles de l'ordre du jour (suite)
card-role-open = libre
card-who-is-coming = Qui vient
card-moved-from = Déplacée du { $when }
card-cancelled = Annulée : { $title }
card-withdrawn = Plus au calendrier : { $title }
card-superseded = Cette carte a été remplacée par une plus récente : { $link }
rsvp-going = Je viens ({ $count })
rsvp-counts = · Peut-être : { $maybe } · Ne vient pas : { $no }
rsvp-members = { $count } membres
rsvp-and-more = { $names } et { $count } de plus
answer-going = Je viens
answer-maybe = Peut-être
answer-no = Je ne peux pas
button-claim = Prendre : { $role }
button-release = Rendre : { $role }
menu-claim = Prendre un rôle ({ $count } { $count ->
        [one] libre
       *[other] libres
    })…
menu-release = Rendre un rôle…

## Rappels et relances de rôles

reminder-title = Bientôt : { $title }
reminder-roles = Rôles
reminder-starts = ⏰ **{ $title }** commence { $relative } ({ $when }).
reminder-holders = Responsables des rôles : { $holders }.
dm-reminder = ⏰ Rappel de **{ $community }** : **{ $title }** commence { $relative } ({ $when }).
dm-reminder-going = Vous avez répondu *je viens*. Vos plans ont changé ? Changez votre réponse dans { $channel }.
link-open-card = Ouvrir la carte de l'ordre du jour
prompt-still-open = Encore libres pour **{ $title }** le { $when } : { $roles }.
prompt-suggestion = • { $role } : peut-être { $members } ? (ne l'a pas tenu récemment)

## Refus et erreurs

refusal-organizer-only-role = Seule l'organisation peut faire cela. Demandez à l'organisation : { $role } (ou à quelqu'un qui peut gérer le serveur).
refusal-organizer-only = Seule l'organisation peut faire cela. Demandez à quelqu'un qui peut gérer le serveur (cette personne peut aussi désigner un rôle d'organisation avec `/community settings organizer_role`).
error-internal = Un problème est survenu de notre côté (réf. { $reference }). Réessayez dans un instant ; si cela continue, donnez cette référence à la personne qui gère le bot.
error-guild-only = Steward fonctionne dans les salons d'un serveur : utilisez cette commande dans le salon de votre communauté.

## /help

help-title = Steward — l'aide de la coordination des communautés de pratique
help-intro = Steward tient le rythme des rencontres de votre communauté dans son propre fuseau horaire, fait prendre les rôles de l'ordre du jour, rappelle chaque rencontre une seule fois, note qui vient et archive ce que vous apprenez. Chaque communauté vit dans un salon : créez-la là, puis utilisez les commandes dans ce salon.
help-footer = Les commandes d'organisation demandent Gérer le serveur ou le rôle d'organisation de la communauté.
help-message-menu = Menu des messages
help-member-menu = Menu des membres
help-menu-line = menu { $target } **{ $menu }** (clic droit sur un { $target } → Applications) — { $about }
help-target-message = message
help-target-member = membre

## La carte de bienvenue

welcome-title = { $name } est créée dans ce salon
welcome-text = Ce salon accueille désormais **{ $name }**, une communauté de pratique qui se réunit dans le fuseau **{ $zone }** (il y est { $time }). Steward tiendra son calendrier, fera prendre les rôles de l'ordre du jour, fera les rappels et archivera ce que vous apprenez.
welcome-next-step = Prochaine étape, pour l'organisation
welcome-next-step-text = Fixez le rythme avec `/gathering schedule` (p. ex. le premier vendredi de chaque mois, 13:00–16:00), ou ajoutez une date avec `/gathering add`. La carte de l'ordre du jour de la prochaine rencontre apparaîtra ici.
welcome-taking-part = Participer
welcome-taking-part-text = Sur la carte de l'ordre du jour : **prenez** un rôle (ouverture, partage des défis, …) et répondez **Je viens**, **Peut-être** ou **Je ne peux pas**. `/gathering mine` montre vos rôles et réponses ; `/note add` archive ce que vous avez appris.
welcome-footer = /help liste toutes les commandes · l'organisation voit tous les réglages dans /community info
field-organizers = Organisation
field-reminders = Rappels
field-role-prompts = Relances de rôles

## Avis de changement et présences

notice-moved-title = Rencontre déplacée
notice-moved = **{ $title }** passe du { $from } au { $to } ({ $relative }).
notice-cancelled-title = Rencontre annulée
notice-cancelled = **{ $title }** du { $when } est annulée.
notice-reason = Raison : { $reason }
notice-roles-freed = Rôles libérés : { $roles }. Merci de vous être proposés.
harvest-ended = 🌱 **{ $title }** est terminée. Vous y étiez ? Appuyez sur **J'y étais** (pendant 7 jours). Ce que vous avez appris mérite d'être gardé : appuyez sur **Ajouter une note de pratique** pour l'archiver pour le groupe.
harvest-there = Présents ({ $count }) : { $members }
harvest-add-note = Ajouter une note de pratique
harvest-i-was-there = J'y étais
attendance-none = Présences pour **{ $title }** du { $when } : aucune notée.
attendance-some = Présences pour **{ $title }** du { $when } : { $count } notées : { $members }.
attendance-pick = Choisissez ci-dessous qui est venu (25 à la fois au plus), ou qui retirer de la liste.
attendance-mark = Noter qui est venu
attendance-take-off = Retirer quelqu'un de la liste
attendance-added = { $count } ajouté(s).
attendance-removed = { $count } retiré(s).

## Rôles

role-claimed = Vous tenez **{ $role }** pour **{ $title }** le { $when }. Merci !
role-released = **{ $role }** pour **{ $title }** le { $when } est de nouveau libre.
role-released-for = **{ $role }** pour **{ $title }** le { $when } est de nouveau libre (tenu jusqu'ici par { $holder }).
role-assigned = { $member } tient **{ $role }** pour **{ $title }** le { $when } (confié par { $by }).
role-assign-over = **{ $role }** pour **{ $title }** le { $when } est tenu par { $holder }. Le confier plutôt à { $member } ? { $holder } en sera informé. (Fermez ce message pour ne rien changer.)
role-give-button = Leur confier le rôle
role-reassigned = { $member } tient désormais **{ $role }** pour **{ $title }** le { $when }, à la place de { $previous } (confié par { $by }).
role-assign-done = C'est fait : { $member } tient **{ $role }** désormais.
role-assign-changed = **{ $role }** a changé de mains depuis votre demande : rien n'a été modifié. Relancez `/role assign` pour voir qui le tient maintenant.

## Réglages en toutes lettres

words-off = désactivé
words-on = activé
words-each-gathering = { $offsets } chaque rencontre
words-next = { $words } (prochaine : { $next })
words-and = et
words-before = { $offsets } avant
words-prompt-before = { $offsets } chaque rencontre, tant que des rôles sont libres
words-prompt-weekly = { $days } à { $time }, tant que des rôles sont libres
words-prompt-cron = selon le cron `{ $expression }`, tant que des rôles sont libres
words-every-day = Tous les jours
words-weekdays = En semaine
every-mon = le lundi
every-tue = le mardi
every-wed = le mercredi
every-thu = le jeudi
every-fri = le vendredi
every-sat = le samedi
every-sun = le dimanche
unit-day = { $count ->
        [one] jour
       *[other] jours
    }
unit-hour = { $count ->
        [one] heure
       *[other] heures
    }
unit-minute = { $count ->
        [one] minute
       *[other] minutes
    }

## Modifications des rencontres et des séries

edit-notice-title = Rencontre modifiée
edit-notice = **{ $title }** du { $when } change.
edit-now-was = Désormais { $now } (au lieu de { $was }).
edit-place-was = Lieu : { $now } (au lieu de { $was }).
edit-no-place = aucun lieu indiqué
edit-roles-stay = Les rôles et les réponses restent tels quels.
series-new-rhythm-title = Nouveau rythme
series-changed-title = Rencontres modifiées
series-new-rhythm = **{ $title }** a un nouveau rythme à partir du { $from } : { $rhythm }, { $times }.
series-changes = **{ $title }** change à partir du { $from }.
series-time = Heure : { $times }.
series-place = Lieu : { $place }.
series-off = Retirées du calendrier : { $dates }.
series-freed = Rôles libérés ces jours-là : { $roles }. Merci de vous être proposés.
series-new-dates = Nouvelles dates : { $dates }.
series-kept = { $count ->
        [one] { $count } rencontre garde sa date, ses rôles et ses réponses.
       *[other] { $count } rencontres gardent leur date, leurs rôles et leurs réponses.
    }

## Listes et calendrier

scheduled-title = Programmé : { $title }
scheduled-next-dates = Prochaines dates
scheduled-footer = Les dates s'affichent dans votre fuseau · /gathering list montre ce qui vient
scheduled-reminders = { $offsets } chaque rencontre, pour suivre ce rythme (l'organisation peut le changer avec `/community settings reminders`).
list-count-range = `count` va de 1 à 25.
list-none = Aucune rencontre à venir. L'organisation peut fixer le rythme avec `/gathering schedule` ou ajouter une date avec `/gathering add`.
list-title = À venir dans { $name }
list-footer = Les heures s'affichent dans votre fuseau · la communauté se réunit en { $zone }
next-none = Aucune rencontre à venir. L'organisation peut en prévoir avec `/gathering schedule`.
status-moved = déplacée
status-cancelled = annulée
calendar-years = Je peux montrer le calendrier jusqu'à { $last }. Essayez `year:{ $year }`.
calendar-out-of-range = Cette année est hors limites.
calendar-this-server = ce serveur
calendar-none = Aucune rencontre en { $year } pour { $scope }.
calendar-more = … et { $count } de plus : `/gathering export` les a toutes.
calendar-title = Calendrier { $year } — { $scope } ({ $count } dates)

## /community info et list

on = Activé
off = Désactivé
language-name = français
info-of-channel = Communauté de pratique de { $channel }.
info-page-names = Activée, avec les noms — { $page }
info-page-counts = Activée, nombres seulement, sans noms — { $page }
info-page-no-address = Activée (le bot n'a pas encore d'adresse publique : `http.public_url`)
info-public-page = Page publique
info-next = Prochaine rencontre
info-attention = ⚠️ À régler
info-set-up-on = Créée le { $date }
info-none-scheduled = Rien de prévu : l'organisation peut fixer le rythme avec `/gathering schedule`.
info-time-zone = Fuseau horaire
info-zone-now = { $zone } (il y est { $time })
info-dm-reminders = Rappels en MP
info-one-role = Un rôle par membre
info-times = Heures
info-language = Langue
info-agenda-roles = Rôles de l'ordre du jour
info-no-roles = Aucun : l'organisation peut en ajouter avec `/role template add`.
organizers-role = { $role } et les membres qui peuvent gérer le serveur
organizers-manage-server = Les membres qui peuvent gérer le serveur
list-communities-none = Aucune communauté sur ce serveur pour l'instant. Un membre qui peut gérer le serveur peut en créer une dans n'importe quel salon avec `/community setup name timezone`.
list-communities-next = prochaine : { $when } ({ $relative })
list-communities-no-gathering = aucune rencontre prévue
list-communities-title = Communautés de ce serveur ({ $count })

## Commandes et options (descriptions enregistrées auprès de Discord)

cmd-community = Créer et tenir la communauté de pratique de ce salon
cmd-community-setup = Lier ce salon à une nouvelle communauté de pratique (Gérer le serveur requis)
opt-community-setup-name = Le nom de la communauté, p. ex. Cercle de facilitation Ottawa
opt-community-setup-timezone = Son fuseau horaire IANA, p. ex. America/Toronto (tapez pour chercher)
opt-community-setup-organizer_role = Les membres de ce rôle organisent (en plus de Gérer le serveur)
cmd-community-settings = Changer nom, fuseau, langue, heures, rappels ou relances de rôles (organisation)
opt-community-settings-name = Un nouveau nom
opt-community-settings-timezone = Un nouveau fuseau horaire IANA, p. ex. America/Toronto
opt-community-settings-organizer_role = Rôle d'organisation (choisissez @everyone pour le retirer)
opt-community-settings-reminders = Rappels avant chaque rencontre, p. ex. 7j,1j,2h,15m (ou off)
opt-community-settings-role_prompt = Quand relancer les rôles libres : lun 10h, 14j,7j,3j (avant chaque rencontre) ou off
opt-community-settings-dm_reminders = Envoyer aussi les rappels en MP aux membres qui viennent
opt-community-settings-one_role_per_member = Au plus un rôle de l'ordre du jour par membre et par rencontre
opt-community-settings-public_page = Publier une page lisible par tous : rencontres, lieux, rôles libres, lien d'agenda
opt-community-settings-public_names = Montrer aussi sur cette page les noms des responsables et des présents
opt-community-settings-time_format = Lecture des heures ici : 24h (13:00) ou 12h (1 pm)
opt-community-settings-language = La langue des cartes et messages de la communauté : en ou fr
cmd-community-info = Voir les réglages, les rôles de l'ordre du jour et la prochaine rencontre
cmd-community-list = Lister les communautés de pratique de ce serveur
cmd-community-delete = Supprimer la communauté de ce salon et toutes ses données (Gérer le serveur)
cmd-gathering = Planifier, déplacer et consulter les rencontres de la communauté
cmd-gathering-schedule = Fixer un rythme de rencontres récurrentes (organisation)
opt-gathering-schedule-title = Le nom des rencontres, p. ex. Séance de pratique mensuelle
opt-gathering-schedule-frequency = À quelle fréquence
opt-gathering-schedule-day = Quel jour de la semaine
opt-gathering-schedule-start = Heure de début, p. ex. 13:00, 13h ou 1pm
opt-gathering-schedule-end = Heure de fin, p. ex. 16:00 ou 16h (01:00+1 pour le lendemain)
opt-gathering-schedule-week = Mensuel ou annuel : quelle semaine du mois
opt-gathering-schedule-months = Seulement ces mois, p. ex. oct,janv,avr ou sept-mai
opt-gathering-schedule-first_date = À partir de cette date (AAAA-MM-JJ) ; par défaut aujourd'hui
opt-gathering-schedule-location = Où : une adresse, un lien ou un salon vocal
cmd-gathering-add = Ajouter une rencontre à une date (organisation)
opt-gathering-add-date = La date, AAAA-MM-JJ
opt-gathering-add-start = Heure de début, p. ex. 13:00, 13h ou 1pm
opt-gathering-add-end = Heure de fin, p. ex. 16:00 ou 16h
opt-gathering-add-title = Son titre (par défaut : le nom de la communauté + rencontre)
opt-gathering-add-location = Où : une adresse, un lien ou un salon vocal
cmd-gathering-list = Les prochaines rencontres de la communauté
opt-gathering-list-count = Combien (1 à 25, 5 par défaut)
opt-gathering-list-public = Publier la réponse dans le salon
cmd-gathering-next = Publier la carte de l'ordre du jour de la prochaine rencontre
cmd-gathering-mine = Vos prochains rôles et réponses dans toutes les communautés du serveur
cmd-gathering-move = Déplacer une rencontre à une autre date ou heure (organisation)
opt-gathering-move-gathering = Quelle rencontre
opt-gathering-move-new_date = La nouvelle date, AAAA-MM-JJ
opt-gathering-move-start = Nouvelle heure de début (par défaut : inchangée)
opt-gathering-move-end = Nouvelle heure de fin (par défaut : même durée)
opt-gathering-move-reason = Pourquoi (dit dans l'avis)
cmd-gathering-cancel = Annuler une rencontre (organisation)
opt-gathering-cancel-gathering = Quelle rencontre
opt-gathering-cancel-reason = Pourquoi (dit dans l'avis)
cmd-gathering-edit = Changer titre, heure ou lieu d'une rencontre, ou de sa série à partir d'elle
opt-gathering-edit-gathering = Quelle rencontre
opt-gathering-edit-title = Nouveau titre
opt-gathering-edit-start = Nouvelle heure de début, p. ex. 13:00 ou 13h (même jour ; /gathering move change le jour)
opt-gathering-edit-end = Nouvelle heure de fin, p. ex. 16:00 ou 16h (01:00+1 pour le lendemain)
opt-gathering-edit-location = Nouveau lieu : adresse, lien, salon vocal, ou none pour l'enlever
opt-gathering-edit-apply_to = Cette rencontre seulement (par défaut) ou la série à partir d'elle
cmd-gathering-reschedule = Changer le rythme d'une série à partir d'une date (organisation)
opt-gathering-reschedule-series = Quelle série
opt-gathering-reschedule-frequency = À quelle fréquence désormais
opt-gathering-reschedule-day = Quel jour de la semaine
opt-gathering-reschedule-week = Mensuel ou annuel : quelle semaine du mois
opt-gathering-reschedule-months = Seulement ces mois, p. ex. oct,janv,avr ou sept-mai
opt-gathering-reschedule-start = Nouvelle heure de début (par défaut : inchangée), p. ex. 13:00 ou 13h
opt-gathering-reschedule-end = Nouvelle heure de fin (par défaut : même durée), p. ex. 16:00 ou 16h
opt-gathering-reschedule-from_date = À partir de cette date (AAAA-MM-JJ) ; par défaut la prochaine rencontre
cmd-gathering-end-series = Arrêter une série après sa dernière rencontre passée (organisation)
opt-gathering-end-series-series = Quelle série
cmd-gathering-calendar = Toutes les dates d'une année, une ligne chacune
opt-gathering-calendar-year = Quelle année (par défaut : cette année)
opt-gathering-calendar-scope = Cette communauté ou toutes celles du serveur
opt-gathering-calendar-public = Publier la réponse dans le salon
cmd-gathering-export = L'agenda de la communauté en fichier .ics
opt-gathering-export-public = Publier le fichier dans le salon
cmd-gathering-feed = Le lien d'abonnement à l'agenda de la communauté
cmd-gathering-feed-reset = Remplacer le lien d'agenda : l'ancien cesse de fonctionner (organisation)
cmd-role = Prendre, rendre et attribuer les rôles de l'ordre du jour ; modifier la liste
cmd-role-claim = Prendre un rôle à l'ordre du jour de la prochaine rencontre (ou d'une autre)
opt-role-claim-role = Quel rôle
opt-role-claim-gathering = Quelle rencontre (par défaut : la prochaine)
cmd-role-release = Rendre un rôle (son ou sa responsable, ou l'organisation)
opt-role-release-role = Quel rôle
opt-role-release-gathering = Quelle rencontre (par défaut : la prochaine)
cmd-role-assign = Confier un rôle à un membre (organisation)
opt-role-assign-role = Quel rôle
opt-role-assign-member = Qui le prend
opt-role-assign-gathering = Quelle rencontre (par défaut : la prochaine)
cmd-role-agenda = Ajouter ou retirer un rôle à l'ordre du jour d'une rencontre (organisation)
opt-role-agenda-gathering = Quelle rencontre
opt-role-agenda-action = Ajouter ou retirer
opt-role-agenda-name = Le rôle, p. ex. Gardien du temps (50 caractères au plus)
cmd-role-template = Voir ou modifier la liste des rôles de l'ordre du jour
cmd-role-template-view = Les rôles de l'ordre du jour de la communauté
cmd-role-template-add = Ajouter un rôle à l'ordre du jour (organisation)
opt-role-template-add-name = Le rôle, p. ex. Gardien du temps (50 caractères au plus)
cmd-role-template-remove = Retirer un rôle de l'ordre du jour (organisation)
opt-role-template-remove-name = Quel rôle
cmd-role-template-reset = Revenir aux rôles par défaut (organisation)
cmd-role-history = Qui a tenu quel rôle lors des 12 dernières rencontres
opt-role-history-member = Seulement les rôles de ce membre
opt-role-history-public = Publier la réponse dans le salon
cmd-rsvp = Dire si vous venez à la prochaine rencontre (ou à une autre)
opt-rsvp-answer = Je viens, peut-être, ou non
opt-rsvp-gathering = Quelle rencontre (par défaut : la prochaine)
cmd-attendance = Noter et consulter qui est venu
cmd-attendance-record = Noter qui est venu à une rencontre (organisation)
opt-attendance-record-gathering = Quelle rencontre (les récentes sont proposées)
cmd-attendance-report = Présences par rencontre et par membre : noyau, actifs, occasionnels
opt-attendance-report-months = Combien de mois en arrière (1 à 24, 6 par défaut)
opt-attendance-report-format = embed (par défaut) ou csv
opt-attendance-report-public = Publier la réponse dans le salon
cmd-note = Archiver, retrouver et exporter les notes de pratique de la communauté
cmd-note-add = Archiver une note de pratique (ouvre un formulaire pour son titre et son texte)
opt-note-add-kind = Quel genre de note
opt-note-add-tags = Étiquettes, p. ex. tour-de-table, ouvertures (10 au plus)
opt-note-add-gathering = La rencontre d'où elle vient (par défaut : une finie ces 7 derniers jours)
cmd-note-search = Chercher dans les notes de pratique : les meilleures d'abord, avec extraits
opt-note-search-query = Les mots à trouver, p. ex. tour de table
opt-note-search-kind = Seulement ce genre
opt-note-search-tag = Seulement les notes avec cette étiquette
opt-note-search-author = Seulement les notes de ce membre
opt-note-search-public = Publier la réponse dans le salon
cmd-note-list = Lister les notes de pratique, les plus récentes d'abord
opt-note-list-gathering = Seulement les notes de cette rencontre
opt-note-list-kind = Seulement ce genre
opt-note-list-tag = Seulement les notes avec cette étiquette
opt-note-list-author = Seulement les notes de ce membre
opt-note-list-public = Publier la réponse dans le salon
cmd-note-show = Afficher une note de pratique en entier
opt-note-show-id = Le numéro de la note, p. ex. 12
opt-note-show-public = La publier dans le salon
cmd-note-edit = Modifier une note de pratique (son auteur ou l'organisation)
opt-note-edit-id = Le numéro de la note, p. ex. 12
cmd-note-delete = Supprimer une note de pratique (son auteur ou l'organisation ; demande confirmation)
opt-note-delete-id = Le numéro de la note, p. ex. 12
cmd-note-export = Télécharger les notes de pratique (Markdown, CSV ou JSON)
opt-note-export-format = Format du fichier (par défaut : markdown)
opt-note-export-public = Publier le fichier dans le salon
cmd-archive_message = Archiver ce message comme note de pratique (ouvre un formulaire prérempli)
opt-archive_message-message = Le message à archiver
cmd-privacy = Ce que Steward garde sur vous et ce serveur, et combien de temps
cmd-forget-me = Effacer vos réponses, présences et l'historique de vos rôles sur ce serveur
cmd-help = Ce que fait Steward et ses commandes
menu-archive_message = Archiver comme note de pratique

## Noms des choix

choice-12h = 12 h (1 pm)
choice-24h = 24 h (13:00)
choice-add = ajouter
choice-best-practice = bonne pratique
choice-challenge = défi
choice-community = cette communauté
choice-csv = csv
choice-discovery = découverte
choice-embed = carte
choice-evaluation = évaluation
choice-every-2-weeks = toutes les 2 semaines
choice-first = premier
choice-fourth = quatrième
choice-friday = vendredi
choice-going = je viens
choice-guild = tout le serveur
choice-json = json
choice-last = dernier
choice-markdown = markdown
choice-maybe = peut-être
choice-monday = lundi
choice-monthly = mensuel
choice-no = non
choice-query = question
choice-remove = retirer
choice-resource = ressource
choice-saturday = samedi
choice-second = deuxième
choice-story = récit
choice-sunday = dimanche
choice-third = troisième
choice-this = cette rencontre
choice-this-and-following = celle-ci et les suivantes
choice-thursday = jeudi
choice-tuesday = mardi
choice-wednesday = mercredi
choice-weekly = hebdomadaire
choice-yearly = annuel
choice-en = English
choice-fr = français

## Les pages publiques

page-community-title = { $name } — rencontres
page-all-communities = Toutes les communautés
page-zone = Une communauté de pratique. Les heures sont celles du fuseau { $zone }.
page-next = Prochaines rencontres
page-none-scheduled = Aucune rencontre n'est encore prévue.
page-subscribe-title = Ajoutez ces dates à votre agenda
page-subscribe-once = Abonnez-vous une fois : les déplacements et les annulations suivent d'eux-mêmes.
page-subscribe-webcal = S'abonner (Apple Calendar, Outlook)
page-ics-link = Lien du calendrier (.ics)
page-google = Dans Google Agenda : Autres agendas → À partir de l'URL, puis collez le lien du calendrier.
page-footer = Publié par les organisateurs de la communauté avec Steward. Les membres prennent des rôles et répondent sur Discord.
page-moved = (déplacée)
page-where = Lieu : { $place }
page-all-taken = Tous les rôles de l'ordre du jour sont pris.
page-open-roles = Rôles libres : { $roles }
page-holders-label = Qui tient quel rôle
page-going = { $count ->
        [0] Personne n'a encore dit venir.
        [one] { $count } personne vient
       *[other] { $count } personnes viennent
    }
page-and-more = { $names } et { $count ->
        [one] { $count } autre
       *[other] { $count } autres
    }
page-index-title = Communautés de pratique
page-index-intro = Les communautés de ce serveur qui publient leurs rencontres.
page-index-none = Aucune communauté ne publie encore sa page ici.
page-index-next = Prochaine : { $title },
page-index-none-scheduled = Aucune rencontre prévue pour l'instant.
page-index-footer = Steward : un bot Discord pour les communautés de pratique.
page-404-title = Introuvable
page-404-heading = Rien ici
page-404-text = Cette page n'existe pas, ou sa communauté ne la publie pas.
page-unavailable = Steward ne peut pas lire son calendrier pour l'instant ; réessayez dans une minute.

## Le modèle d'ordre du jour et l'historique des rôles

role-template-empty = Aucun rôle à l'ordre du jour. Les organisateurs peuvent en ajouter avec `/role template add`.
role-template-title = Rôles de l'ordre du jour de { $name }
role-template-footer = Les changements s'appliquent à chaque rencontre à venir dont aucun rôle n'est encore pris
role-template-added = **{ $role }** ajouté.
role-template-removed = **{ $role }** retiré.
role-template-reset = Retour aux rôles par défaut.
role-template-no-roles = aucun rôle
role-template-now = { $what } L'ordre du jour est désormais : { $roles }.
role-template-from-now = Cela vaut pour chaque rencontre à partir de maintenant.
role-template-reached = Cela s'applique à chaque rencontre à venir dont aucun rôle n'est encore pris : { $dates }.
role-template-kept = Celles-ci gardent leur ordre du jour, car un rôle y est déjà pris (ou il a été fixé pour cette date avec `/role agenda`) : { $dates }.
list-and-more = et { $count } de plus
role-history-none = Pas encore de rencontre passée : l'historique se remplit au fil des rencontres.
role-history-member-none = { $member } n'a tenu aucun rôle lors des { $count } dernières rencontres.
role-history-member = { $member } lors des { $count } dernières rencontres :
    { $lines }
role-history-member-title = Historique des rôles
role-history-no-roles = aucun rôle tenu
role-history-everyone = tout le monde l'a tenu
role-history-title = Historique des rôles — { $count } dernières rencontres
role-history-not-lately = Pas tenu récemment

role-not-for-bots = Les rôles sont pour les membres, pas pour les bots.

## Prises et remises de rôle refusées

agenda-closed-cancelled = La rencontre **{ $title }** du { $when } a été annulée : son ordre du jour est clos.
agenda-closed-withdrawn = La rencontre **{ $title }** du { $when } a été retirée du calendrier : son ordre du jour est clos.
agenda-closed-started = La rencontre **{ $title }** du { $when } a déjà commencé : son ordre du jour est clos.
claim-already-yours = Vous tenez déjà **{ $role }**.
claim-held-by = **{ $role }** est déjà tenu par { $holder }.
claim-one-per-member = Dans cette communauté, chaque membre tient au plus un rôle par rencontre, et vous tenez **{ $other }**. Rendez-le d'abord si vous préférez prendre **{ $role }**.
claim-changed-hands = Ce rôle vient de changer de mains ; réessayez.
release-not-yours = Seul { $holder }, qui tient **{ $role }**, ou l'organisation peut le rendre.
release-open = Personne ne tient **{ $role }** : il est libre.

## L'ordre du jour d'une seule rencontre, et le membre qui ne peut pas venir

agenda-added = **{ $role }** ajouté à l'ordre du jour de **{ $title }** du { $when } seulement (le modèle ne change pas). La carte le montre.
agenda-removed = **{ $role }** retiré de l'ordre du jour de **{ $title }** du { $when } seulement (le modèle ne change pas).
agenda-just-claimed = { $holder } venait de le prendre et ne le tient plus.
agenda-remove-held = **{ $role }** pour **{ $title }** ({ $when }) est tenu par { $holder }. Le retirer quand même de cet ordre du jour ? { $holder } en sera informé. (Fermez ce message pour ne rien changer.)
agenda-remove-button = Retirer le rôle et prévenir la personne
agenda-changed-meanwhile = L'ordre du jour a changé entre-temps ; regardez la carte et réessayez.
agenda-changed-since = L'ordre du jour a changé depuis cette question ; rien n'a été retiré. Relancez `/role agenda`.
agenda-removed-told = { $holder } : **{ $role }** n'est plus à l'ordre du jour de **{ $title }** du { $when } (retiré par { $by }). Merci de vous être proposé.
free-your-roles = Vous tenez { $roles } pour **{ $title }**. Libérer ce que vous ne pourrez pas tenir, pour que quelqu'un d'autre le prenne ?
rsvp-noted = C'est noté : **{ $answer }** pour **{ $title }** du { $when }. Vous pouvez changer votre réponse à tout moment.

## Le rapport de participation

report-months-range = `months` va de 1 à 24.
report-none = Pas encore de rencontre dans les { $months } derniers mois.
report-gathering-line = `{ $day }` { $title } — viennent { $going } · venus { $came }
report-member-line = { $member } — venu { $came }/{ $held } · rôles { $roles }
report-title = Participation à { $name } — { $months } derniers mois
report-held = { $count ->
        [one] { $count } rencontre tenue.
       *[other] { $count } rencontres tenues.
    } Noyau : venu à au moins deux tiers ; actif : au moins un tiers.
report-per-gathering = Par rencontre (la plus récente d'abord)
report-per-member = Par membre
report-community = La communauté
report-csv = Participation à **{ $name }** en CSV (une ligne par rencontre et par membre).
report-csv-description = Présences de { $name }
tier-core = noyau
tier-active = actif
tier-occasional = occasionnel

## /gathering mine

mine-none = Vous ne tenez aucun rôle et n'avez répondu pour aucune rencontre à venir sur ce serveur. `/gathering next` montre la prochaine ici ; `/rsvp` pour répondre, `/role claim` pour prendre un rôle.
mine-title = Vos prochaines rencontres
mine-nudge-title = Rôles libres que vous n'avez pas tenus récemment
mine-nudge = Pour **{ $title }** ({ $when }) : { $roles } — prenez-en un avec `/role claim`.
mine-you-hold = vous tenez { $roles }
mine-you-answered = vous avez répondu **{ $answer }**
mine-card-link = [carte]({ $url })
button-stale = Ce bouton appartient à une ancienne carte. Utilisez `/gathering next` pour en avoir une à jour.
role-not-on-agenda = Ce rôle n'est plus à cet ordre du jour.
click-done-card-shows = C'est fait : la carte de **{ $title }** le montre.

## Le fichier et le lien du calendrier, les rencontres ponctuelles, les séries terminées, les avis en route

export-text = Le calendrier de **{ $name }** : importez-le dans Google Agenda, Outlook ou Apple Calendar.
export-description = Calendrier de { $name } (iCalendar)
export-subscribe = **Abonnez-vous** pour rester à jour (les déplacements et annulations suivent en quelques heures) :
    • Google Agenda : *Autres agendas → À partir de l'URL*, collez <{ $feed }>
    • Apple Calendar ou Outlook : ouvrez `{ $webcal }`
    Toute personne qui a le lien peut lire les dates ; l'organisation peut le remplacer avec `/gathering feed reset`.
feed-reset = Le lien du calendrier de **{ $name }** a été remplacé : l'ancien cesse de fonctionner dès maintenant, et les agendas abonnés ne se mettent plus à jour. Le nouveau lien :
feed-reset-no-address = Le lien du calendrier de **{ $name }** a été remplacé : l'ancien cesse de fonctionner dès maintenant. Ce bot n'a pas d'adresse publique (`http.public_url`), aucun lien ne peut donc être montré ; demandez à qui l'héberge.
added-title = Ajoutée : { $title }
series-ended-title = Série terminée
series-ended = **{ $title }** ({ $rule }) s'arrête ici : { $count ->
        [one] { $count } date à venir est retirée
       *[other] { $count } dates à venir sont retirées
    } du calendrier. Les rencontres passées et leurs notes restent.
place-not-voice = { $channel } n'est pas un salon vocal de ce serveur. Le lieu d'une rencontre peut être un salon vocal (tapez `#` et choisissez-le), une adresse ou un lien.
notice-on-its-way = C'est fait : l'avis « { $title } » est en cours de publication dans ce salon.

## Planifier, ajouter, déplacer et annuler : les refus

first-date-too-old = `first_date` { $date } est plus d'une période dans le passé. Laissez-le vide pour commencer aujourd'hui, ou donnez une date à partir du { $earliest }.
default-gathering-title = Rencontre de { $name }
add-in-the-past = Cette date et cette heure sont passées. Donnez-en une à venir.
add-vanished = La rencontre a disparu juste après avoir été ajoutée ; réessayez.
move-cancelled-meanwhile = Cette rencontre a été annulée entre-temps ; rien n'a été déplacé.
cancel-over = Cette rencontre est déjà terminée ; seules les rencontres à venir peuvent être annulées.
cancel-already = Cette rencontre était déjà annulée.
series-already-ended = Cette série est déjà terminée.
series-unknown = Aucune série de cette communauté ne correspond. Commencez à taper et choisissez-en une dans la liste.

## Modifier et changer de rythme : les refus

edit-nothing-given = Rien à changer : donnez un nouveau `title`, `start`, `end` ou `location` (`none` retire le lieu).
edit-no-change = La rencontre est déjà ainsi ; rien n'a changé.
edit-cancelled-meanwhile = Cette rencontre a été annulée entre-temps ; rien n'a été modifié.
edit-one-off = Cette rencontre est ponctuelle, elle ne fait pas partie d'une série : laissez `apply_to` vide (ou choisissez `this`) pour la modifier.
edit-not-upcoming = Cette rencontre a commencé ou n'a pas lieu ; choisissez-en une à venir de la série.
edit-time-past = La nouvelle heure est déjà passée ce jour-là. Choisissez une heure plus tardive, ou la rencontre suivante.
series-not-here = Cette série n'appartient pas à cette communauté.
series-ended-schedule-new = Cette série est terminée ; planifiez-en une nouvelle avec `/gathering schedule`.
series-changed-meanwhile = Cette série s'est terminée ou a changé entre-temps ; rien n'a été modifié.
series-change-touches-past = Ce changement toucherait une rencontre déjà commencée ou en placerait une dans le passé ({ $when }) ; donnez un `from_date` plus tardif, ou une heure plus tardive.
from-date-past = `from_date` { $date } est passé. Donnez aujourd'hui ({ $today }) ou une date plus tardive, ou laissez-le vide pour la prochaine rencontre.
reschedule-started = La rencontre du { $date } a déjà commencé ; donnez un `from_date` après elle.
reschedule-no-change = C'est déjà le rythme et l'heure de la série ; rien n'a changé.
button-other-channel = Ce bouton appartient à la communauté d'un autre salon.
reschedule-preview-old = Cet aperçu est périmé (sa première date est passée) ; relancez `/gathering reschedule`.
reschedule-calendar-changed = Le calendrier a changé depuis cet aperçu : il retirerait d'autres dates ; relancez `/gathering reschedule` pour les voir.

## Modification et changement de rythme faits, et l'aperçu d'un changement de rythme

edit-done = C'est fait : **{ $title }** — { $when } · { $place }.
edit-done-told = L'avis de changement est en cours de publication dans ce salon ; la carte, l'événement programmé et le calendrier suivent.
edit-done-title-only = Seul le titre a changé : aucun avis n'est publié ; la carte, l'événement programmé et le calendrier suivent.
series-edited-from = à partir du { $date }
series-edited = C'est fait : **{ $title }**{ $from } — { $count ->
        [one] { $count } rencontre modifiée, qui garde
       *[other] { $count } rencontres modifiées, chacune gardant
    } ses rôles et ses réponses. Les cartes, les événements programmés et le calendrier suivent ; un avis est publié quand une heure ou un lieu change.
rescheduled = C'est fait : **{ $title }** devient { $rule } à partir du { $from }. Gardées : { $kept } ; retirées : { $withdrawn } ; nouvelles : { $added }. L'avis est en cours de publication dans ce salon ; les cartes, les événements programmés et le calendrier suivent.
reschedule-preview = **{ $title }** deviendrait { $rule } à partir du { $from }.
    { "**" }Retirées** (leurs rôles libérés, les titulaires et les participants prévenus) : { $dates }.
reschedule-preview-kept = **Gardées** avec leurs rôles et leurs réponses : { $dates }.
reschedule-preview-new = **Nouvelles** : { $dates }.
reschedule-preview-confirm = Confirmez pour l'appliquer, ou annulez pour laisser la série telle quelle.
reschedule-confirm-button = Confirmer le nouveau rythme
reschedule-cancel-button = Annuler
reschedule-kept = Rien n'a changé : la série garde son rythme.

## Le rythme d'une série en toutes lettres

rule-weekly = chaque { $day }
rule-fortnightly = un { $day } sur deux
rule-monthly = le { $week } { $day } du mois
rule-yearly = chaque année, le { $week } { $day }
rule-on-days = le { $day }
rule-in-months = { $rule }, en { $months }
week-first = premier
week-second = deuxième
week-third = troisième
week-fourth = quatrième
week-last = dernier
weekday-mon = lundi
weekday-tue = mardi
weekday-wed = mercredi
weekday-thu = jeudi
weekday-fri = vendredi
weekday-sat = samedi
weekday-sun = dimanche

## Ce qu'un changement de réglages a fait, une ligne par réglage

setting-name = nom : **{ $from }** → **{ $to }**
setting-time-zone = fuseau horaire : { $from } → { $to }
setting-organizer-role = rôle d'organisation : { $from } → { $to }
setting-no-role = aucun
setting-language = langue : { $from } → { $to }
setting-times = heures : { $from } → { $to }
setting-reminders = rappels : { $from } → { $to }
setting-role-prompts = relances de rôles : { $from } → { $to }
setting-dm-reminders = rappels en MP : { $from } → { $to }
setting-one-role = un rôle par membre : { $from } → { $to }
setting-public-page = page publique : { $from } → { $to }
setting-public-names = noms sur la page publique : { $from } → { $to }

## L'heure à l'horloge de la communauté, une date avec ses heures, un fuseau dans la liste

clock-am = { $time } am
clock-pm = { $time } pm
date-with-times = { $day }, { $times }
zone-label = { $city } · { $zone } · UTC{ $offset } actuellement

## Saisies refusées : ce qui a été tapé, et à quoi ressemble une bonne valeur

input-time-example = Écrivez une heure sous la forme `13:00`, `13h` ou `13h30` (sur 24 heures), ou `1:00pm` / `1pm`.
input-not-a-date = `{ $typed }` n'est pas une date. Écrivez-la sous la forme `AAAA-MM-JJ`, p. ex. `2026-03-06`.
input-not-a-time = `{ $typed }` n'est pas une heure. { input-time-example }
input-not-a-time-of-day = `{ $typed }` n'est pas une heure de la journée (les heures vont de 00 à 23). { input-time-example }
input-end-before-start = La fin ({ $end }) doit venir après le début ({ $start }). Pour une rencontre qui se termine après minuit, marquez la fin comme étant le lendemain, p. ex. `end:01:00+1`.
input-gathering-too-long = Une rencontre peut durer 24 heures au plus.
input-offsets-example = Écrivez les délais ainsi : `7j,1j,2h,15m` (j = jours, ou `d` ; h = heures ; m = minutes ; de 5m à 90j, 6 au plus), ou `off` pour aucun rappel.
input-offsets-then = { $for ->
        [prompt] { input-offsets-example } ({ input-prompt-example })
       *[reminders] { input-offsets-example }
    }
input-offset-twice = `{ $typed }` est donné deux fois. { input-offsets-then }
input-offsets-none = Aucun délai de rappel n'est donné. { input-offsets-then }
input-offsets-too-many = Cela fait { $count } rappels. { input-offsets-then }
input-offset-not = `{ $typed }` n'est pas un délai de rappel. { input-offsets-then }
input-offset-out-of-range = `{ $typed }` est hors limites. { input-offsets-then }
input-prompt-example = Écrivez `lundi 10h` (un jour et une heure : le lundi à 10:00 ; `lun,jeu 18h30` pour deux jours), `14j,7j,3j` (avant chaque rencontre, tant que des rôles sont libres) ou `off`. Pour qui connaît cron : 5 champs comme dans crontab (`0 10 * * 1` : 1 = lundi, 0 ou 7 = dimanche), ou 6 en commençant par les secondes.
input-prompt-none = Aucune relance de rôles n'est donnée. { input-prompt-example }
input-prompt-day-no-time = `{ $typed }` donne un jour, mais pas d'heure. { input-prompt-example }
input-prompt-not-a-time = `{ $typed }` n'est pas une heure de la journée. { input-prompt-example }
input-prompt-not-weekly = `{ $typed }` n'est pas un jour suivi d'une heure. { input-prompt-example }
input-prompt-fields = `{ $typed }` n'est ni un jour avec une heure, ni un cron ({ $count ->
        [one] { $count } champ
       *[other] { $count } champs
    } ; un cron en a 5 ou 6). { input-prompt-example }
input-prompt-both-days = `{ $typed }` restreint à la fois le jour du mois et le jour de la semaine ; donnez l'un des deux (l'autre à `*`). { input-prompt-example }
input-prompt-weekday-field = `{ $typed }` n'est pas un champ de jour de la semaine (utilisez 0–7 comme dans crontab, ou des noms comme `lun,jeu`). { input-prompt-example }
input-prompt-not-cron = `{ $typed }` n'est pas une expression cron ({ $error }). { input-prompt-example }
input-prompt-never = `{ $typed }` ne se déclenche jamais. { input-prompt-example }
input-prompt-too-often = `{ $typed }` relancerait { $unit ->
        [second] { $count ->
            [one] chaque seconde
           *[other] toutes les { $count } secondes
        }
       *[minute] { $count ->
            [one] chaque minute
           *[other] toutes les { $count } minutes
        }
    } ; les relances de rôles viennent au plus une fois par heure (les messages du bot sont partagés par toutes les communautés). { input-prompt-example }
input-months-example = Écrivez les mois ainsi : `oct,janv,avr`, ou une plage comme `sept-mai` (elle peut passer d'une année à l'autre).
input-months-none = Aucun mois n'est donné. { input-months-example }
input-not-a-month = `{ $typed }` n'est pas un mois. { input-months-example }
input-week-not-weekly = `week` ne s'applique qu'aux séries mensuelles et annuelles (p. ex. le premier vendredi du mois). Laissez-le vide pour les séries hebdomadaires.
input-week-needed = Les séries mensuelles et annuelles ont besoin de `week` : premier, deuxième, troisième, quatrième ou dernier (p. ex. `week:premier day:vendredi` pour le premier vendredi du mois).
input-rule-unusable = Cette règle ne peut pas être utilisée : { $error }
input-rule-no-date = Cette règle ne donne aucune date dans les deux prochaines années. Vérifiez `week`, `day` et `months`.
input-title-empty = Le titre est vide. Donnez-en un, p. ex. `Séance de pratique mensuelle`.
input-title-too-long = Le titre compte { $chars } caractères ; gardez-en { $max } au plus.
input-location-too-long = Le lieu compte { $chars } caractères ; gardez-en { $max } au plus (une adresse ou un lien).
input-place-empty = Le lieu est vide. Donnez une adresse, un lien ou un salon vocal, ou `none` pour le retirer.
input-move-cancelled = Cette rencontre a été annulée ; ajoutez-en une nouvelle avec `/gathering add`.
input-move-over = Cette rencontre est déjà terminée ; seules les rencontres à venir peuvent être déplacées.
input-move-past = La nouvelle heure est déjà passée. Choisissez une date et une heure à venir.
input-name-empty = Le nom est vide. Donnez à la communauté un nom comme `Cercle de facilitation Ottawa`.
input-name-too-long = Le nom compte { $chars } caractères ; gardez-en { $max } au plus.
input-reason-too-long = La raison doit tenir en { $max } caractères au plus.
input-role-empty = Le nom du rôle est vide. Donnez-en un, comme `Gardien du temps`.
input-role-too-long = Le nom du rôle compte { $chars } caractères ; gardez-en { $max } au plus.
input-role-already = `{ $role }` est déjà à l'ordre du jour.
input-roles-too-many = Un ordre du jour compte au plus { $max } rôles.
input-role-unknown-none = `{ $typed }` n'est pas un rôle : cet ordre du jour n'a aucun rôle.
input-role-unknown = `{ $typed }` n'est pas un rôle de cet ordre du jour. Les rôles sont : { $roles }.
input-rsvp-cancelled = Cette rencontre a été annulée : il n'y a rien à répondre.
input-rsvp-started = Cette rencontre a déjà commencé : les réponses sont closes.
input-attend-cancelled = Cette rencontre a été annulée.
input-attend-not-started = Cette rencontre n'a pas encore commencé : dites que vous y étiez une fois qu'elle aura commencé.
input-attend-too-late = Cette rencontre s'est terminée il y a plus de { $days } jours ; demandez à l'organisation de noter votre présence.
input-record-cancelled = Cette rencontre a été annulée : personne n'est venu.
input-record-not-yet = Cette rencontre n'a pas encore eu lieu : les présences se notent une fois qu'elle a commencé.
input-zone-empty = Donnez un fuseau horaire, par exemple `America/Toronto` ou `Europe/Paris`.
input-zone-unknown = `{ $typed }` n'est pas un fuseau horaire que je connais. Utilisez un nom IANA comme `America/Toronto`, `Europe/Paris` ou `Australia/Sydney` : commencez à taper et choisissez-en un dans la liste.
input-zone-unknown-suggest = { input-zone-unknown } Vouliez-vous dire { $suggestions } ?

## Ce que Steward garde, et le soin des données (/privacy, /forget-me, /community delete)

privacy-what-is-kept = **Ce que Steward garde** (dans sa propre base de données, pour ce serveur seulement) :
    • les réglages de chaque communauté, ses rencontres, les rôles de l'ordre du jour et qui les a tenus ;
    • vos réponses (je viens, peut-être, je ne peux pas) et vos présences ;
    • les notes de pratique archivées, avec l'identifiant et le nom affiché de la personne qui les a écrites ;
    • les messages automatiques déjà envoyés (pour n'envoyer chacun qu'une fois) ;
    • seulement là où une communauté montre les noms sur sa page web publique (`public_names`), le nom que ce serveur affiche pour vous, depuis la dernière fois que vous avez utilisé le bot dans son salon (effacé quand les noms sont désactivés).
    Il ne garde aucun message qu'on ne lui donne pas, aucune adresse courriel et rien des autres serveurs.
privacy-how-long = **Pour combien de temps** : jusqu'à ce que ce soit effacé. `/forget-me` efface dès maintenant vos réponses, vos présences, votre historique de rôles et tout nom gardé pour une page publique sur ce serveur (vos notes restent, attribuées à « un ancien membre » ; supprimez-les d'abord avec `/note delete` si vous voulez qu'elles disparaissent). Un membre qui peut gérer le serveur peut supprimer toute une communauté avec `/community delete`. Si le bot est retiré du serveur, tout son travail s'arrête aussitôt et les données du serveur sont effacées après { $days } jours.
privacy-forget-me-confirm = Cela efface **vos réponses (je viens, peut-être, je ne peux pas), vos présences, votre historique de rôles et tout nom gardé pour une page publique** dans chaque communauté de ce serveur, pour de bon. Vos notes de pratique restent, attribuées à « un ancien membre » (supprimez-les d'abord avec `/note delete` si vous voulez qu'elles disparaissent). Appuyez sur le bouton pour continuer ; sinon, fermez simplement ce message.
privacy-forget-me-button = M'oublier sur ce serveur
privacy-delete-needs-manage-server = Seul un membre qui peut gérer le serveur peut supprimer une communauté. Demandez-le à l'un des admins de votre serveur.
privacy-delete-confirm = Cela supprime **{ $name }** pour de bon : ses réglages, chaque rencontre et chaque série, les rôles de l'ordre du jour, les réponses, les présences et { $count ->
        [0] ses notes de pratique (elle n'en a aucune)
        [one] sa note de pratique
       *[other] ses { $count } notes de pratique
    }. Les événements programmés déjà sur Discord restent (supprimez-les là-bas si vous le souhaitez). Appuyez sur le bouton pour continuer ; sinon, fermez simplement ce message.
privacy-delete-button = Supprimer cette communauté
privacy-server-only = Utilisez ceci dans un salon de serveur.
privacy-forget-me-not-yours = Ce bouton est réservé au membre qui a fait la demande. Lancez `/forget-me` vous-même.
privacy-forgotten = C'est fait : { $answers ->
        [one] { $answers } réponse
       *[other] { $answers } réponses
    }, { $attendance ->
        [one] { $attendance } présence
       *[other] { $attendance } présences
    } et { $roles ->
        [one] { $roles } prise de rôle
       *[other] { $roles } prises de rôle
    } vous concernant ont été effacées sur ce serveur ; { $notes ->
        [0] vous n'y aviez aucune note.
        [one] { $notes } de vos notes reste, attribuée à « un ancien membre ».
       *[other] { $notes } de vos notes restent, attribuées à « un ancien membre ».
    }
privacy-delete-refused = Seul un membre qui peut gérer le serveur peut supprimer une communauté.
privacy-delete-gone = Cette communauté n'existe déjà plus (ou le bouton appartient à un autre salon).
privacy-deleted = **{ $name }** et toutes ses données sont supprimées. Créez une nouvelle communauté ici quand vous voulez avec `/community setup`.

## /community setup et settings : les refus, ce qu'un changement a fait, la page publique

community-setup-needs-manage-server = Créer une communauté demande la permission Gérer le serveur. Demandez à un admin du serveur de lancer `/community setup` dans ce salon.
community-setup-everyone-organizer = @everyone ne peut pas être le rôle d'organisation : choisissez le rôle de votre équipe de coordination, ou laissez `organizer_role` vide (les membres qui peuvent gérer le serveur organisent alors).
community-setup-channel-taken = Ce salon accueille déjà **{ $name }**. Modifiez-la avec `/community settings`, ou créez la nouvelle communauté dans un autre salon.
community-settings-nothing-given = Rien à changer : donnez au moins une option, par exemple `/community settings reminders:7d,1d,2h` ou `/community settings role_prompt:off`. `/community info` montre les réglages actuels.
community-names-need-page = Les noms ne s'affichent que sur la page publique, qui est désactivée : activez les deux ensemble avec `/community settings public_page:true public_names:true`.
community-zone-changed-meanwhile = Le fuseau horaire de la communauté a changé pendant l'opération : rien n'a été modifié. Consultez `/community info` et relancez la commande.
community-prompt-choice = { $typed } — { $words }
community-prompt-off-choice = off — aucune relance de rôles
community-settings-unchanged = Rien n'a changé : ce sont déjà les réglages.
community-settings-updated = Réglages de **{ $name }** mis à jour :
    • { $changes }
community-page-public = La page publique : <{ $url }>. Tout le monde peut la lire : les prochaines rencontres avec leur titre et leur lieu (donc pas d'adresse personnelle comme lieu), les rôles libres, le nombre de personnes qui viennent, et le lien du calendrier, auquel chacun peut alors s'abonner.
community-page-public-names = La page publique : <{ $url }>. Tout le monde peut la lire : les prochaines rencontres avec leur titre et leur lieu (donc pas d'adresse personnelle comme lieu), les rôles libres, le nombre de personnes qui viennent, les noms des responsables des rôles et des personnes qui viennent (tels que le serveur les affiche, une fois qu'elles ont utilisé le bot ici), et le lien du calendrier, auquel chacun peut alors s'abonner.
community-page-no-address = La page est servie à `/c/{ $slug }` par le serveur HTTP de ce bot, qui n'a pas encore d'adresse publique (`http.public_url`) : demandez à la personne qui gère le bot.
community-page-feed-replaced = Le lien du calendrier que montrait la page a été remplacé : il cesse de fonctionner ; les membres obtiennent le nouveau avec `/gathering export`.
community-list-line = **{ $name }** — <#{ $channel }> · { $zone } · { $next }

## Un nouveau fuseau horaire : la question, ses boutons, ce que chacun a fait, et l'avis dans le salon

zone-change-question = **Fuseau horaire { $from } → { $to } :** { $count ->
        [one] { $count } rencontre est à venir. Doit-elle garder ses heures locales dans le fuseau { $to } (13:00 y reste 13:00, donc le moment change : le bon choix si le fuseau était erroné), ou garder son moment (le même instant, affiché à une autre heure locale : le bon choix si le groupe a déménagé) ?
       *[other] { $count } rencontres sont à venir. Doivent-elles garder leurs heures locales dans le fuseau { $to } (13:00 y reste 13:00, donc le moment change : le bon choix si le fuseau était erroné), ou garder leurs moments (le même instant, affiché à une autre heure locale : le bon choix si le groupe a déménagé) ?
    } Rien ne change tant que vous n'avez pas choisi.
zone-change-keep-local-times = Garder les heures locales (les déplacer)
zone-change-keep-moments = Garder les moments
zone-change-keep-zone = Garder le fuseau horaire
zone-change-kept = Rien n'a changé : le fuseau horaire reste le même.
zone-change-out-of-date = Le fuseau horaire n'est plus { $from } (c'est { $now } maintenant) : cette question est périmée ; relancez `/community settings timezone`.
zone-change-done-moments = C'est fait : **{ $name }** est maintenant dans le fuseau { $to }. Chaque rencontre garde son moment ; les heures locales affichées sont désormais celles de { $to }.
zone-change-done-local-times = C'est fait : **{ $name }** est maintenant dans le fuseau { $to } ; { $series ->
        [0] aucune série n'est touchée
        [one] { $series } série suit désormais ce fuseau
       *[other] { $series } séries suivent désormais ce fuseau
    } et { $count ->
        [0] aucune rencontre à venir n'a été déplacée
        [one] { $count } rencontre à venir a gardé son heure locale (elle a donc été déplacée)
       *[other] { $count } rencontres à venir ont gardé leur heure locale (elles ont donc été déplacées)
    }. Un avis est publié dans le salon ; les cartes, les événements programmés et le calendrier suivent.
zone-change-notice-title = Fuseau horaire changé
zone-change-notice = **{ $name }** tient désormais son calendrier dans le fuseau **{ $to }** (c'était { $from }). Les rencontres y gardent leurs heures locales : { $count ->
        [one] { $count } rencontre à venir a donc été déplacée.
       *[other] { $count } rencontres à venir ont donc été déplacées.
    }
zone-change-notice-next = La prochaine, **{ $title }**, a lieu le { $when }.

## Où une commande a été utilisée, et la rencontre qu'elle nomme

context-server-only = Utilisez cette commande dans un salon de serveur.
context-no-community = Ce salon n'a pas encore de communauté. Un membre qui peut gérer le serveur peut en créer une ici avec `/community setup name timezone` (par exemple `/community setup name:Cercle de facilitation timezone:America/Toronto`), ou utilisez cette commande dans le salon de votre communauté.
context-none-coming-up = Aucune rencontre à venir pour l'instant. L'organisation peut en ajouter une avec `/gathering schedule` ou `/gathering add`.
context-no-such-gathering = Aucune rencontre de cette communauté ne correspond. Commencez à taper et choisissez-en une dans la liste.
context-no-gathering-matches = Aucune rencontre de cette communauté ne correspond à `{ $typed }`. Commencez à taper et choisissez-en une dans la liste.
context-done = C'est fait.

## Des options que Discord n'a pas pu lire, une commande périmée, une note trop lourde, une base de données lente

error-not-understood = `{ $input }` n'a pas été compris : { $error }.
error-option-not-understood = Une option n'a pas été comprise : { $error }.
error-command-outdated = Cette commande vient d'être mise à jour et Discord montre encore l'ancienne version. Rechargez Discord (Ctrl+R) et réessayez.
error-note-too-large = Une note est plus lourde que ce que Discord permet de téléverser sur ce serveur, même compressée. Essayez un autre format, ou raccourcissez les notes les plus longues.
error-busy-run-again = Steward attend sa base de données et n'a pas pu ouvrir le formulaire à temps. Rien n'a été modifié : relancez la commande dans un instant.
error-busy-click-again = Steward attendait sa base de données et n'a pas pu ouvrir le formulaire à temps. Rien n'a été modifié : cliquez de nouveau.

## Notes de pratique : les genres (la valeur gardée reste le nom anglais ; un membre peut taper l'une ou l'autre langue)

note-kind-best-practice = bonne pratique
note-kind-query = question
note-kind-discovery = découverte
note-kind-story = récit
note-kind-challenge = défi
note-kind-resource = ressource
note-kind-evaluation = évaluation
note-kinds-list = `{ note-kind-best-practice }`, `{ note-kind-query }`, `{ note-kind-discovery }`, `{ note-kind-story }`, `{ note-kind-challenge }`, `{ note-kind-resource }`, `{ note-kind-evaluation }`

## Notes de pratique : le formulaire de note (la langue du membre)

note-form-new = Nouvelle note de pratique
note-form-for = Note de pratique : { $title }
note-form-archive-message = Archiver le message de { $name }
note-form-edit = Modifier la note #{ $id }
note-form-title = Titre
note-form-title-placeholder = p. ex. Ouvrir par un tour d'un mot
note-form-kind = Genre
note-form-kind-placeholder = { note-kind-best-practice }, { note-kind-query }, { note-kind-discovery }, { note-kind-story }, { note-kind-challenge }, { note-kind-resource } ou { note-kind-evaluation }
note-form-tags = Étiquettes (10 au plus)
note-form-tags-placeholder = p. ex. tour-de-table, ouvertures
note-form-body = Note
note-form-body-placeholder = Ce qui s'est passé, ce qui a marché, ce que vous essaieriez ensuite
note-form-link = Lien vers la source (facultatif)
note-form-nothing-saved = Rien n'a été enregistré. Votre texte est ci-dessous : copiez-le dans un nouveau formulaire.
note-form-outdated = Ce formulaire vient d'une ancienne version du bot.
note-credit-offer-gone = Ce formulaire attribue la note à l'auteur d'un message, mais ce n'est pas vous qui l'avez ouvert dans ce salon. Utilisez de nouveau le menu de message **Archiver comme note de pratique**.
note-use-slash-command = Utilisez la commande slash.

## Notes de pratique : ce qu'un membre a tapé et qui ne peut pas être gardé

note-body-empty = La note est vide : écrivez ce que vous voulez que le groupe garde.
note-body-too-long = La note compte { $chars } caractères ; gardez-en { $max } au plus (coupez-la en deux notes).
note-tag-invalid = `{ $tag }` n'est pas une étiquette : utilisez des lettres, des chiffres, `-` ou `_`, jusqu'à { $max } caractères (p. ex. `#tour-de-table`).
note-tags-too-many = Cela fait { $count } étiquettes ; une note en prend { $max } au plus.
note-search-empty = Cherchez au moins un mot, p. ex. `tour de table`.
note-title-empty = Donnez un titre à la note, p. ex. `Ouvrir par un tour d'un mot`.
note-title-too-long = Le titre compte { $chars } caractères ; gardez-en { $max } au plus.
note-link-invalid = `{ $link }` n'est pas un lien : utilisez une adresse web qui commence par `https://` ({ $max } caractères au plus), ou laissez le champ vide.
note-kind-invalid = `{ $kind }` n'est pas un genre de note. Utilisez l'un de ceux-ci : { note-kinds-list }.
note-filter-one-tag = Filtrez par une seule étiquette à la fois, p. ex. `tour-de-table`.
note-not-found = Il n'y a pas de note `{ $id }` dans cette communauté. Les notes sont numérotées, p. ex. `12` ; trouvez leur numéro avec `/note search` ou `/note list`.
note-change-refused = Seul { $author }, qui a écrit la note #{ $id }, ou l'organisation peut la modifier ou la supprimer.
note-gone = La note #{ $id } n'existe plus.
note-already-deleted = La note #{ $id } a déjà été supprimée.
note-button-stale = Ce bouton appartient à un ancien message. Relancez la commande.
note-results-expired = Ces résultats sont trop anciens pour être parcourus. Relancez la recherche pour en avoir de nouveaux.

## Notes de pratique : la fiche d'une note, l'archivage et la modification

note-field-kind = Genre
note-field-by = Par
note-field-archived = Archivée
note-field-tags = Étiquettes
note-field-gathering = Rencontre
note-field-source = Source
note-card-footer = Note #{ $id } · /note show id:{ $id }
note-former-member = un ancien membre
note-credit-archived-by = { $author } (archivée par { $by })
note-archived = 📚 Note de pratique #{ $id } archivée par { $by }.
note-already-archived = Cette note est déjà dans les archives sous le #{ $id } (le formulaire a été envoyé deux fois) ; rien n'a été ajouté.
note-updated = Note #{ $id } mise à jour.

## Notes de pratique : résultats de recherche et listes

note-results-found = Notes de pratique trouvées
note-results-newest = Notes de pratique, les plus récentes d'abord
note-filter-words = « { $words } »
note-filter-by = par { $author }
note-filter-from = de la rencontre { $title }
note-results-no-more = Il n'y a plus de notes.
note-results-no-match = Aucune note ne correspond. Essayez moins de mots ou d'autres mots, ou retirez un filtre.
note-results-none-yet = Pas encore de note. Archivez-en une avec `/note add`, ou utilisez **Archiver comme note de pratique** sur un message.
note-results-page = Page { $page }
note-results-page-range = Page { $page } · notes { $first } à { $last } · /note show id:<numéro> pour en lire une en entier
note-page-previous = ◀ Précédent
note-page-next = Suivant ▶

## Notes de pratique : en supprimer une

note-delete-title = Supprimer { $heading } ?
note-delete-cannot-undo = Cette action est irréversible.
note-delete-button = Supprimer la note
note-keep-button = La garder
note-deleted-title = Note #{ $id } supprimée
note-deleted-text = « { $title } » n'est plus dans les archives.
note-kept-title = Note #{ $id } gardée
note-kept-text = Rien n'a été supprimé.

## Notes de pratique : l'export (le fichier dans la langue de la communauté)

note-export-none = Cette communauté n'a pas encore de note de pratique. Archivez-en une avec `/note add`, ou utilisez **Archiver comme note de pratique** sur un message.
note-export-title = Notes de pratique de { $community }
note-export-count = { $count ->
        [one] { $count } note.
       *[other] { $count } notes.
    }
note-export-between = Entre les rencontres
note-export-by = par
note-export-source = Source :
note-export-card-title = Exportation des notes de pratique
note-export-done = { $count ->
        [one] { $count } note
       *[other] { $count } notes
    } de **{ $community }** en { $format } ({ $described }).
note-export-gzip = fichier compressé avec gzip pour respecter la limite d'envoi de Discord
note-export-one-file = un seul fichier
note-export-split = réparties en { $count } fichiers pour respecter la limite d'envoi de Discord
note-export-split-messages = réparties en { $count } fichiers pour respecter la limite d'envoi de Discord, envoyés en { $messages } messages
note-export-parts = Fichiers { $first } à { $last } sur { $total }.

## Le miroir des événements programmés (l'onglet Événements du serveur)

mirror-missing-permission = Je n'ai pas pu ajouter vos rencontres à l'onglet Événements du serveur : il me faut la permission **Gérer les événements**. Donnez-la à mon rôle (Paramètres du serveur → Rôles), et les événements apparaîtront d'ici quelques minutes.
mirror-too-many-events = Le serveur a atteint la limite de Discord de 100 événements programmés : certaines rencontres ne sont donc pas dans l'onglet Événements. Supprimez-y les événements passés ou inutilisés ; je réessaie plusieurs fois par jour.
mirror-voice-channel-refused = Je n'ai pas pu mettre dans l'onglet Événements une rencontre qui a lieu dans { $channel } : il me faut pouvoir voir ce salon vocal et m'y connecter. Je réessaie plusieurs fois par jour et après chaque changement.
mirror-event-refused = Discord a refusé un événement programmé ({ $reason }) ; je réessaie plusieurs fois par jour et après chaque changement.
mirror-event-place = Voir le salon de la communauté

## Publications automatiques : problèmes signalés à l'organisation, et la mention de retard

ops-cannot-post-denied = Je n'ai pas pu publier dans { $channel } (accès refusé) : vérifiez que je peux voir le salon et y envoyer des messages. Les publications automatiques sont suspendues d'ici là.
ops-cannot-post-not-found = Je n'ai pas pu publier dans { $channel } (salon introuvable) : vérifiez que je peux voir le salon et y envoyer des messages. Les publications automatiques sont suspendues d'ici là.
ops-needs-read-history = Il me faut la permission **Voir les anciens messages** dans { $channel } : quand Discord perd sa réponse à une publication, je la cherche avant de l'envoyer de nouveau, pour qu'elle n'apparaisse jamais deux fois. Les publications automatiques qui ont besoin de cette vérification attendent jusque-là.
ops-late-post = (en retard) { $text }
